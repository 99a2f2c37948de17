import t from 'tap'
import { shippedModel } from './topic-shipped-model.ts'

const model = shippedModel()

t.test('because lists words of the text (jieba tokens) that point at the label', async (t) => {
  const cases = [
    { text: '小区暖气片不热，供暖公司一直不来维修', label: '城乡建设', words: ['暖气片', '供暖'] },
    { text: '化工厂夜里偷排废水，河水发黑发臭', label: '环境保护', words: ['化工厂', '废水', '偷排'] },
    { text: '公司拖欠工资半年，也不给我们交社保', label: '劳动和社会保障', words: ['社保', '拖欠工资'] },
    { text: '学校强制学生参加有偿补课', label: '教育文体', words: ['有偿补课', '学校', '学生'] },
  ]
  for (const c of cases) {
    const p = model.predict(c.text)
    t.equal(p.label, c.label, c.text)
    t.ok(p.because.length >= 3 && p.because.length <= 5, `${c.text}: ${p.because.join('/')}`)
    for (const word of p.because) t.ok(c.text.includes(word), `${word} comes from the text`)
    t.ok(p.because.some((w) => c.words.includes(w)), `${p.because.join('/')} names one of ${c.words.join('/')}`)
    t.equal(new Set(p.because).size, p.because.length, 'no repeats')
    t.notOk(
      p.because.some((a, i) => p.because.some((b, j) => i !== j && a.includes(b))),
      'no entry inside another',
    )
  }
})

t.test('traditional input is explained in simplified words', async (t) => {
  const p = model.predict('社區暖氣片不熱，供暖公司一直不來維修')
  t.equal(p.label, '城乡建设')
  t.ok(p.because.includes('供暖') && p.because.includes('暖气片'), p.because.join('/'))
})
