/**
 * Headless Chromium for the console suites: Debian's `chromium` driven by
 * playwright-core (TOOLCHAIN.md). Without the browser the suites skip, except
 * under CI=true, where they fail (.ci/run installs it).
 */
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** Where the screenshots of each view go: committed under docs/screenshots/ and kept by CI. */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || path.join(import.meta.dirname, '..', '..', 'docs', 'screenshots')

/** tap's skip option for a browser suite: false to run, or why it is skipped; throws under CI=true. */
export function browserSkip(): false | string {
  if (existsSync(CHROMIUM)) return false
  const why = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`
  if (process.env.CI === 'true') throw new Error(`CI=true: the browser suites need Chromium: ${why}`)
  return why
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  })
}

/** A fresh browser context (its own sessionStorage) at the office-PC size the console is built for. */
export async function newPage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`))
  return page
}

/** Signs in through the login form with the keyboard only. */
export async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/console/`)
  await page.locator('#login-username').focus()
  await page.keyboard.type(username)
  await page.keyboard.press('Tab')
  await page.keyboard.type(password)
  await page.keyboard.press('Enter')
  await page.locator('header.top .who').waitFor()
}

export async function screenshot(page: Page, name: string, enabled: boolean): Promise<void> {
  if (!enabled) return
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}
