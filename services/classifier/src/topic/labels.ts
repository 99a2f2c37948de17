/** The seven first-level topics (一级标签) of the TipDM 2020 data set, in artifact order. */
export const TOPIC_LABELS = ['城乡建设', '环境保护', '交通运输', '教育文体', '劳动和社会保障', '商贸旅游', '卫生计生'] as const
export type TopicLabel = (typeof TOPIC_LABELS)[number]
