// A small, made-up training set: seven topics with their own vocabulary.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_TOPIC_PARAMS, type LabelledText, type TopicParams } from '../src/topic/index.ts'

const VOCAB: Record<string, string[]> = {
  城乡建设: ['物业', '违建', '房产证', '拆迁', '暖气', '开发商', '安置房', '电梯'],
  环境保护: ['污染', '排污', '扬尘', '化工厂', '恶臭', '废水', '环评', '焚烧'],
  交通运输: ['公交', '出租车', '红绿灯', '驾驶证', '拥堵', '高速', '网约车', '站台'],
  教育文体: ['学校', '教师', '补课', '幼儿园', '入学', '学生', '中考', '体育馆'],
  劳动和社会保障: ['社保', '养老保险', '欠薪', '劳动仲裁', '退休金', '工伤', '医保', '农民工'],
  商贸旅游: ['景区', '消费者', '商家', '虚假宣传', '导游', '超市', '门票', '退款'],
  卫生计生: ['医院', '医生', '疫苗', '计划生育', '诊所', '护士', '独生子女', '病人'],
}

export const FIXTURE_LABELS = Object.keys(VOCAB)

function text(words: string[], i: number): string {
  const [a, b, c] = [words[i % 8]!, words[(i + 3) % 8]!, words[(i + 5) % 8]!]
  return `关于${a}的问题\n我们这里${a}和${b}的问题已经很久了，${c}也一直没有人管，请有关部门尽快处理，谢谢。`
}

/** `perClass` texts per topic; `offset` picks other word combinations (held-out texts). */
export function fixtureTexts(perClass: number, offset = 0): LabelledText[] {
  const out: LabelledText[] = []
  for (const [label, words] of Object.entries(VOCAB)) {
    for (let i = 0; i < perClass; i++) out.push({ text: text(words, i + offset), label, source: 'train' })
  }
  return out
}

/** Parameters for the fixture: a small table, every bucket kept. */
export const FIXTURE_PARAMS: TopicParams = {
  ...DEFAULT_TOPIC_PARAMS,
  features: { ...DEFAULT_TOPIC_PARAMS.features, bits: 16, minDf: 1 },
}

/** Writes a TipDM-shaped data directory (train and dev splits) for the CLIs. */
export function writeFixtureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true })
  const row = (e: LabelledText, i: number) => {
    const [subject, body] = e.text.split('\n')
    return JSON.stringify(i % 2 ? { id: null, subject: null, body: e.text.replace('\n', ''), time: null, label: e.label } : { id: String(i), subject, body, time: '2020-01-01 00:00:00', label: e.label })
  }
  writeFileSync(join(dir, 'messages.train.jsonl'), fixtureTexts(8).map(row).join('\n') + '\n')
  writeFileSync(join(dir, 'messages.dev.jsonl'), fixtureTexts(4, 2).map(row).join('\n') + '\n')
}
