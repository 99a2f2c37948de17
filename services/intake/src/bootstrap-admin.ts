import type { Principals } from './auth/principals.ts'
import { randomSecret } from './auth/passwords.ts'

/**
 * There is no default password. On the first start (no users at all) an
 * admin is created with a random password, printed once to stdout — not to
 * the log — for the person installing the system to sign in and create the
 * real users.
 */
export async function bootstrapAdmin(principals: Principals, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<boolean> {
  if ((await principals.countUsers()) > 0) return false
  const password = randomSecret(18)
  try {
    await principals.createUser({ username: 'admin', password, role: 'admin', displayName: '系统管理员' })
  } catch {
    return false // another replica created it first
  }
  out(
    `\n首次启动：已创建管理员账号 (one-time admin credential, shown only now)\n  username: admin\n  password: ${password}\n` +
      `请登录后创建各角色用户 (sign in and create the users of each role).\n\n`,
  )
  return true
}
