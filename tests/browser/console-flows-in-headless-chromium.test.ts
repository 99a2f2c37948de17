/**
 * The console in a real browser (headless Chromium), against the whole
 * system in this process, in both modes:
 *   1. an operator logs a gas leak with the keyboard only; the duty board
 *      shows it as 紧急 within 2 s;
 *   2. the officer drafts the 初报 from the alert and submits it; the leader
 *      approves it; a webhook receiver gets the signed report;
 *   3. a department accepts, replies to and closes a case; the leader's
 *      closure rate for that department moves;
 *   4. an operator cannot open the leader's view, and the API refuses the
 *      operator's session;
 * and a repeat call merged into the earlier case with one key (Alt+数字).
 * Screenshots of each view go to docs/screenshots/ (embedded mode).
 */
import t, { type Test } from 'tap'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { verifyPayload } from '@hotline-hub/platform'
import { modes } from '../support/infra.ts'
import { buildHubApp, TEST_DEPARTMENT, TEST_PASSWORD, type HubApp } from '../support/hub-app.ts'
import { browserSkip, launchBrowser, newPage, screenshot, signIn } from '../support/browser.ts'

const GAS = '小区楼道燃气味很重，怀疑泄漏'
const SECRET = 'console-test-webhook-secret-0001'

interface Delivery {
  headers: IncomingMessage['headers']
  body: string
}

/** 市政府应急办's end: records every signed report it is sent. */
async function webhookReceiver(t: Test): Promise<{ url: string; deliveries: Delivery[] }> {
  const deliveries: Delivery[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (body += c))
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body })
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  t.teardown(() => new Promise<void>((r) => server.close(() => r())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/emergency-reports`, deliveries }
}

/** The id of the focused element (page code as text: this suite is compiled without the DOM types). */
const activeId = (page: Page) => page.evaluate('document.activeElement && document.activeElement.id')

/** Page code that calls `path` with the console's own session token, as a script in the page could. */
const withSession = (path: string) => `(async () => {
  const s = JSON.parse(sessionStorage.getItem('hotline-hub.session'))
  const r = await fetch(${JSON.stringify(path)}, { headers: { authorization: 'Bearer ' + s.token } })
  return { status: r.status, body: await r.json() }
})()`

const skip = browserSkip()

for (const m of await modes()) {
  t.test(m.name, { skip: skip || m.skip }, async (t) => {
    const mode = await m.setup()
    t.teardown(() => mode.cleanup())
    const shots = m.name === 'embedded'
    const receiver = await webhookReceiver(t)
    const hub: HubApp = await buildHubApp(t, mode, {
      ESCALATION_EMERGENCY_WEBHOOK_URL: receiver.url,
      ESCALATION_EMERGENCY_WEBHOOK_SECRET: SECRET,
      ESCALATION_EMERGENCY_POLL_MS: '100',
    })
    const base = (await hub.runtime.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1')
    const browser: Browser = await launchBrowser()
    t.teardown(() => browser.close())
    const errors: string[] = []

    let gasCaseId = ''
    let duty: Page

    t.test('1. an operator logs a gas leak with the keyboard only; the duty board shows it as 紧急 within 2 s', async (t) => {
      duty = await newPage(browser, errors)
      await signIn(duty, base, 'hub-duty_officer', TEST_PASSWORD)
      await duty.locator('#duty-live.on').waitFor({ timeout: 10_000 })

      const op = await newPage(browser, errors)
      await signIn(op, base, 'hub-operator', TEST_PASSWORD)
      await op.locator('#op-form').waitFor()
      t.equal(await activeId(op), 'op-channel', 'the form starts on the first field')
      await op.keyboard.press('Tab')
      await op.keyboard.type('13812345678')
      await op.keyboard.press('Tab')
      await op.keyboard.type('张三')
      await op.keyboard.press('Tab')
      t.equal(await activeId(op), 'op-content', 'Tab reaches the text')
      await op.keyboard.type(GAS)
      await op.keyboard.press('Tab')
      await op.keyboard.type('南岗区花园街道某小区3号楼')
      await op.keyboard.press('Tab')
      await op.keyboard.type('南岗区')
      // The classifier's suggestion follows the text, with its reasons.
      await op.locator('#op-urgency.urgent').waitFor({ timeout: 5000 })
      t.equal(await op.locator('#op-urgency').inputValue(), '紧急')
      t.match(await op.locator('#op-urgency-because').textContent(), /燃气/)
      await screenshot(op, 'operator-intake', shots)

      await op.keyboard.press('Control+Enter')
      const submitted = Date.now()
      await op.locator('#op-case-number').waitFor({ timeout: 10_000 })
      gasCaseId = (await op.locator('#op-case-number').textContent())!.trim()
      t.match(gasCaseId, /^HH\d+$/, 'the case number to read back')
      await duty.locator(`#duty-board tr[data-case="${gasCaseId}"][data-urgency="紧急"]`).waitFor({ timeout: 2000 })
      const onBoard = Date.now() - submitted
      t.ok(onBoard <= 2000, `on the duty board as 紧急 ${onBoard} ms after the operator's receipt`)
      const firstRow = await duty.locator('#duty-board tbody tr').first().getAttribute('data-case')
      t.equal(firstRow, gasCaseId, 'urgent cases first')
      t.equal(await activeId(op), 'op-phone', 'the form is ready for the next call')
      await screenshot(op, 'operator-receipt', shots)
      await op.context().close()
    })

    t.test('2. the officer drafts the 初报 from the alert and submits it; the leader approves; the receiver gets it signed', async (t) => {
      t.ok(gasCaseId, 'needs the case of flow 1')
      const banner = duty.locator('#banners .banner.urgent').filter({ hasText: '燃气泄漏' })
      await banner.waitFor({ timeout: 10_000 })
      await screenshot(duty, 'duty-board-alert', shots)
      await banner.locator('button.draft-report').click()
      const report = duty.locator('#duty-report .report[data-status="draft"]')
      await report.waitFor()
      t.match(await duty.locator('#rf-location').inputValue(), /南岗区/, 'pre-filled from the case')
      await duty.locator('#rp-deadlines li').first().waitFor()
      t.match(await duty.locator('#rp-deadlines li').first().textContent(), /剩余 \d+/, 'a countdown runs to each deadline')

      // Submitting with fields missing is refused, in Chinese, and nothing changes.
      const missing = await duty.locator('#duty-report .field.missing textarea').count()
      t.ok(missing > 0, `${missing} required fields are marked`)
      await duty.locator('#rp-submit').click()
      await duty.locator('#rp-status .notice.error').waitFor()
      t.match(await duty.locator('#rp-status').textContent(), /[\u4e00-\u9fff]/)
      t.notMatch(await duty.locator('#rp-status').textContent(), /ESCALATION_ERR|Error|at /, 'no code or stack shown')

      // Their ids first: a field filled is no longer marked, so the marked list shrinks as it goes.
      const ids: string[] = []
      for (const ta of await duty.locator('#duty-report .field.missing textarea').all()) ids.push((await ta.getAttribute('id'))!)
      for (const id of ids) await duty.locator(`#${id}`).fill('值班室核实：已通知燃气公司抢修，现场已疏散。')
      t.equal(await duty.locator('#duty-report .field.missing').count(), 0, 'filled fields are no longer marked')
      await screenshot(duty, 'duty-report-draft', shots)
      await duty.locator('#rp-submit').click()
      await duty.locator('#duty-report .report[data-status="pending_approval"]').waitFor()

      const leader = await newPage(browser, errors)
      await signIn(leader, base, 'hub-leader', TEST_PASSWORD)
      const review = leader.locator('#ld-approvals button.review').first()
      await review.waitFor({ timeout: 10_000 })
      await review.click()
      await leader.locator('#ld-report .report[data-status="pending_approval"]').waitFor()
      await leader.locator('#rp-comment').fill('同意报送。')
      await screenshot(leader, 'leader-approval', shots)
      await leader.locator('#rp-approve').click()
      await leader.locator('#ld-report .report[data-status="approved"]').waitFor()

      const delivery = await hub.until('the signed report at the receiver', async () => receiver.deliveries[0])
      const ts = String(delivery.headers['x-hotline-timestamp'])
      t.equal(delivery.headers['x-hotline-event'], 'emergency.report')
      t.ok(verifyPayload(SECRET, ts, delivery.body, String(delivery.headers['x-hotline-signature'])), 'the signature verifies with the shared secret')
      t.notOk(verifyPayload('another-secret-of-some-length', ts, delivery.body, String(delivery.headers['x-hotline-signature'])), 'and not with another')
      const sent = JSON.parse(delivery.body)
      t.match(JSON.stringify(sent), /值班室核实/, 'the report as the officer completed it')
      t.match(JSON.stringify(sent), new RegExp(gasCaseId), 'naming the case')
      await leader.context().close()
    })

    t.test('3. a department accepts, replies to and closes a case; the leader’s closure rate for it moves', async (t) => {
      const created = await hub.inject({
        method: 'POST', url: '/api/v1/cases', headers: hub.as('operator'),
        payload: { channel: 'hotline-12345', receivedAt: new Date().toISOString(), content: '南岗区学府路人行道井盖缺失，夜间行人容易踩空', location: { district: '南岗区' } },
      })
      t.equal(created.statusCode, 201)
      const id = created.json().id as string
      t.equal((await hub.inject({ method: 'POST', url: `/api/v1/cases/${id}/dispatch`, headers: hub.as('operator'), payload: { department: TEST_DEPARTMENT } })).statusCode, 200)

      const leader = await newPage(browser, errors)
      await signIn(leader, base, 'hub-leader', TEST_PASSWORD)
      const rate = leader.locator(`#ld-slices tr[data-key="${TEST_DEPARTMENT}"] .closure`)
      const dispatchedSeen = async () => {
        for (let i = 0; i < 100; i++) {
          await leader.locator('#ld-refresh').click()
          await leader.waitForTimeout(200)
          if ((await rate.count()) > 0 && (await rate.textContent()) === '0.0%') return true
        }
        return false
      }
      t.ok(await dispatchedSeen(), 'before: the department has the case open, 办结率 0.0%')

      const dept = await newPage(browser, errors)
      await signIn(dept, base, 'hub-department', TEST_PASSWORD)
      const card = dept.locator(`#dp-cases article[data-case="${id}"]`)
      await card.waitFor({ timeout: 10_000 })
      await screenshot(dept, 'department-cases', shots)
      await card.locator('button.dp-accept').click()
      await dept.locator(`#dp-cases article[data-case="${id}"][data-status="accepted"]`).waitFor()
      await dept.locator(`#dp-cases article[data-case="${id}"] textarea`).fill('已安排维修人员补装井盖并设置警示标志。')
      await dept.locator(`#dp-cases article[data-case="${id}"] button.dp-reply`).click()
      await dept.locator(`#dp-cases article[data-case="${id}"][data-status="replied"]`).waitFor()
      await dept.locator(`#dp-cases article[data-case="${id}"] button.dp-close`).click()
      await dept.locator('#dp-status .notice.ok').filter({ hasText: '已办结' }).waitFor()
      await dept.locator(`#dp-cases article[data-case="${id}"]`).waitFor({ state: 'detached' })
      t.pass('closed: no longer in the to-do list')
      const history = (await hub.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: hub.as('leader') })).json()
      t.equal(history.status, 'closed')

      const closedSeen = async () => {
        for (let i = 0; i < 100; i++) {
          await leader.locator('#ld-refresh').click()
          await leader.waitForTimeout(200)
          if ((await rate.textContent()) === '100.0%') return true
        }
        return false
      }
      t.ok(await closedSeen(), 'after: 办结率 100.0% for the department')
      await screenshot(leader, 'leader-statistics', shots)
      await dept.context().close()
      await leader.context().close()
    })

    t.test('4. an operator cannot open the leader’s view, and the API refuses the operator’s session', async (t) => {
      const op = await newPage(browser, errors)
      await signIn(op, base, 'hub-operator', TEST_PASSWORD)
      t.equal(await op.locator('#nav-leader').count(), 0, 'no 统计 in the operator’s menu')
      await op.goto(`${base}/console/#/leader`)
      await op.locator('#forbidden').waitFor()
      t.match(await op.locator('#forbidden').textContent(), /无权访问/)
      t.equal(await op.locator('#ld-kpis').count(), 0, 'no statistics drawn')
      await screenshot(op, 'operator-forbidden', shots)
      const answer = (await op.evaluate(withSession('/api/v1/stats'))) as { status: number; body: { code: string } }
      t.equal(answer.status, 403, 'the services refuse the operator’s session too')
      t.match(answer.body.code, /FORBIDDEN_ROLE$/)
      const reports = (await op.evaluate(withSession('/api/v1/emergencies'))) as { status: number }
      t.equal(reports.status, 403, 'nor may it read the emergency reports')
      await op.context().close()
    })

    t.test('a repeat call shows the caller’s earlier case and merges into it with one key', async (t) => {
      t.ok(gasCaseId, 'needs the case of flow 1')
      const op = await newPage(browser, errors)
      await signIn(op, base, 'hub-operator', TEST_PASSWORD)
      await op.locator('#op-form').waitFor()
      await op.keyboard.press('Tab')
      await op.keyboard.type('13812345678')
      await op.keyboard.press('Tab')
      await op.keyboard.press('Tab')
      await op.keyboard.type('小区楼道燃气味还是很重，怀疑泄漏，请尽快处理')
      await op.keyboard.press('Tab')
      await op.keyboard.type('南岗区花园街道某小区3号楼')
      await op.keyboard.press('Tab')
      await op.keyboard.type('南岗区')
      await op.keyboard.press('Tab')
      await op.locator(`#op-history li`).filter({ hasText: gasCaseId }).waitFor({ timeout: 5000 })
      t.notMatch(await op.locator('#op-history').textContent(), /13812345678|张三/, 'the earlier case is shown de-identified')
      await op.locator(`#op-duplicates li[data-case="${gasCaseId}"]`).waitFor({ timeout: 5000 })
      const n = await op.locator('#op-duplicates li').count()
      const listed: (string | null)[] = []
      for (const li of await op.locator('#op-duplicates li').all()) listed.push(await li.getAttribute('data-case'))
      const index = listed.indexOf(gasCaseId) + 1
      t.ok(index >= 1 && index <= n, `the gas case is duplicate number ${index}`)
      await op.keyboard.press(`Alt+${index}`)
      await op.locator(`#op-duplicates li.merge-target[data-case="${gasCaseId}"]`).waitFor()
      await op.keyboard.press('Control+Enter')
      await op.locator('#op-case-number').waitFor()
      const repeat = (await op.locator('#op-case-number').textContent())!.trim()
      t.match(await op.locator('#op-result').textContent(), new RegExp(`已并入 ${gasCaseId}`))
      const merged = (await hub.inject({ method: 'GET', url: `/api/v1/cases/${repeat}`, headers: hub.as('duty_officer') })).json()
      t.equal(merged.status, 'merged')
      t.equal(merged.mergedInto, gasCaseId)
      await op.context().close()
    })

    t.test('the login page refuses a wrong password in plain Chinese', async (t) => {
      const page = await newPage(browser, errors)
      await page.goto(`${base}/console/`)
      await page.locator('#login-username').fill('hub-operator')
      await page.locator('#login-password').fill('not-the-password')
      await page.keyboard.press('Enter')
      await page.locator('#login-form .notice.error').waitFor()
      const text = (await page.locator('#login-form .notice.error').textContent())!
      t.match(text, /[\u4e00-\u9fff]/)
      t.notMatch(text, /INTAKE_ERR|BAD_CREDENTIALS/)
      await screenshot(page, 'login', shots)
      await page.context().close()
    })

    t.test('no script error on any page of the flows', async (t) => {
      t.same(errors, [])
    })
  })
}
