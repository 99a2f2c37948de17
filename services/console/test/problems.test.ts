import t from 'tap'
import { ApiError, messageOf, networkProblem, problemOf } from '../src/app/problems.ts'

t.test('an API refusal is shown in plain Chinese, naming the field', async (t) => {
  const p = problemOf(422, { code: 'INTAKE_ERR_VALIDATION', message_zh: '请求内容不符合要求', pointer: '/content', detail: 'must NOT have fewer than 1 characters' })
  t.equal(p.message, '请求内容不符合要求（诉求内容）')
  t.equal(p.code, 'INTAKE_ERR_VALIDATION', 'the code is kept for the log, not shown')
  t.equal(p.field, '诉求内容')
  const nested = problemOf(422, { message_zh: '请求内容不符合要求', errors: [{ pointer: '/reason' }, { pointer: '/reply' }] })
  t.equal(nested.message, '请求内容不符合要求（理由）', 'the first of several errors names its field')
  t.equal(problemOf(422, { message_zh: '报告缺少必填内容', errors: [{ pointer: '/content/consequences' }] }).message, '报告缺少必填内容', 'a field without a known name is not named')
})

t.test('without a Chinese message the status says it; never English, a code or a stack', async (t) => {
  t.equal(problemOf(403, { message_zh: 'forbidden', detail: 'operator may not call GET /api/v1/stats' }).message, '当前账号无权执行此操作')
  t.equal(problemOf(500, 'TypeError: x is undefined\n    at foo (bar.js:1:1)').message, '系统出现故障，请稍后重试或联系管理员')
  t.equal(problemOf(418, null).message, '操作未成功，请检查后重试')
  const busy = problemOf(503, { message_zh: '服务暂时不可用' }, '5')
  t.equal(busy.message, '服务暂时不可用，约 5 秒后可重试')
  t.equal(busy.retryAfterSeconds, 5)
  t.equal(problemOf(503, {}, 'Wed, 21 Oct 2026 07:28:00 GMT').retryAfterSeconds, null, 'an HTTP date is not a number of seconds')
  t.equal(networkProblem().message, '无法连接服务器，请检查网络连接后重试')
  t.equal(messageOf(new ApiError(problemOf(401, {}))), '登录已过期，请重新登录')
  t.equal(messageOf(new Error('ECONNRESET at socket')), '操作未成功，请稍后重试', 'a thrown error’s own text is never shown')
})
