import { APPEAL_TYPES, type AppealType, type Urgency } from '@hotline-hub/contracts'

/**
 * The Open311 service catalogue (服务目录) as data: each Open311 service is
 * one of our city-management topics (城市管理 subtopics, DOMAIN.md,
 * Classification). `topic` is the value stored on the case; `null` (其他)
 * leaves the topic to the classifier.
 */

/** What an attribute of a service definition sets on the case. */
export type AttributeTarget = 'urgency' | 'appealType' | 'district' | 'street'

export interface Open311Attribute {
  code: string
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'
  required: boolean
  description: string
  datatype_description: string
  /** For list datatypes: key sent by the client → name shown to people. */
  values?: readonly { key: string; name: string }[]
  target: AttributeTarget
}

export interface Open311Service {
  service_code: string
  service_name: string
  description: string
  keywords: readonly string[]
  group: string
  /** 诉求分类 topic stored on the case. */
  topic: string | null
  attributes: readonly Open311Attribute[]
}

/** Last change of this catalogue, for discovery's changeset. */
export const CATALOGUE_CHANGESET = '2026-01-01T00:00:00+08:00'

const urgent = (withOutage: boolean): Open311Attribute => ({
  code: 'urgent',
  datatype: 'singlevaluelist',
  required: false,
  description: '紧急程度',
  datatype_description: withOutage ? '紧急：危及生命财产安全；加急：停水停电停气停热；一般：其他' : '紧急：危及生命财产安全；一般：其他',
  values: [
    { key: '紧急' satisfies Urgency, name: '紧急（危及生命财产安全）' },
    ...(withOutage ? [{ key: '加急' satisfies Urgency, name: '加急（停水停电停气停热）' }] : []),
    { key: '一般' satisfies Urgency, name: '一般' },
  ],
  target: 'urgency',
})

const appealType: Open311Attribute = {
  code: 'appeal_type',
  datatype: 'singlevaluelist',
  required: false,
  description: '诉求类型',
  datatype_description: APPEAL_TYPES.join('、'),
  values: APPEAL_TYPES.map((k: AppealType) => ({ key: k, name: k })),
  target: 'appealType',
}

const district: Open311Attribute = {
  code: 'district',
  datatype: 'string',
  required: false,
  description: '所在区县',
  datatype_description: '区县名称，如：道里区',
  target: 'district',
}

const street: Open311Attribute = {
  code: 'street',
  datatype: 'string',
  required: false,
  description: '所在街道/乡镇',
  datatype_description: '街道或乡镇名称，如：新阳路街道',
  target: 'street',
}

const utility = [urgent(true), appealType, district, street]
const common = [urgent(false), appealType, district, street]

export const SERVICES: readonly Open311Service[] = [
  { service_code: 'heating', service_name: '供热', topic: '供热', group: '水电气热', keywords: ['供暖', '暖气', '室温', '采暖费'], description: '供暖不热、停暖、暖气漏水、采暖收费等', attributes: utility },
  { service_code: 'water-supply', service_name: '供水', topic: '供水', group: '水电气热', keywords: ['停水', '水压', '水质', '自来水'], description: '停水、水压低、水质浑浊、管道漏水等', attributes: utility },
  { service_code: 'gas', service_name: '燃气', topic: '燃气', group: '水电气热', keywords: ['燃气', '煤气', '天然气', '燃气泄漏'], description: '停气、燃气异味或泄漏、燃气设施等', attributes: utility },
  { service_code: 'sanitation', service_name: '市容环卫', topic: '市容环卫', group: '市容环境', keywords: ['垃圾', '清扫', '占道经营', '广告牌'], description: '垃圾清运、道路清扫、占道经营、户外广告等', attributes: common },
  { service_code: 'landscaping', service_name: '园林绿化', topic: '园林绿化', group: '市容环境', keywords: ['树木', '绿地', '修剪', '倒伏'], description: '树木倒伏或修剪、绿地破坏、公园设施等', attributes: common },
  { service_code: 'illegal-construction', service_name: '违法建设', topic: '违法建设', group: '城市建设', keywords: ['违建', '私搭乱建', '违章建筑'], description: '私搭乱建、违章建筑、擅自改变房屋结构等', attributes: common },
  { service_code: 'road-facilities', service_name: '道路设施', topic: '道路设施', group: '城市建设', keywords: ['坑洼', '井盖', '路灯', '护栏'], description: '路面坑洼、井盖缺失、路灯不亮、护栏损坏等', attributes: common },
  { service_code: 'noise', service_name: '噪声扰民', topic: '噪声扰民', group: '社区生活', keywords: ['噪音', '施工噪声', '夜间施工'], description: '施工、商业、生活噪声扰民等', attributes: common },
  { service_code: 'property-management', service_name: '物业管理', topic: '物业管理', group: '社区生活', keywords: ['物业', '物业费', '电梯', '小区'], description: '物业服务、物业收费、小区公共设施等', attributes: common },
  { service_code: 'other', service_name: '其他', topic: null, group: '其他', keywords: [], description: '以上未列出的诉求，由系统自动分类', attributes: [appealType, district, street] },
]

/** The catch-all service: cases whose topic is outside the catalogue are listed under it. */
export const OTHER_SERVICE = SERVICES.find((s) => s.topic === null)!

export function serviceByCode(code: string): Open311Service | undefined {
  return SERVICES.find((s) => s.service_code === code)
}

/** The service a case belongs to, by its topic (其他 when the topic is not in the catalogue). */
export function serviceOfTopic(topic: string | null): Open311Service {
  return SERVICES.find((s) => s.topic !== null && s.topic === topic) ?? OTHER_SERVICE
}

/** Topics that have their own service (all but 其他). */
export const CATALOGUE_TOPICS: readonly string[] = SERVICES.flatMap((s) => (s.topic === null ? [] : [s.topic]))
