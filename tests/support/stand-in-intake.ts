/**
 * A stand-in for intake's `GET /api/v1/auth/me`, for suites that run
 * classifier or escalation alone (as in distributed mode, INTAKE_URL): the
 * bearer token `tok-<role>` is a user of that role, anything else is refused.
 * `tok-department` speaks for 市城管局.
 */
import Fastify from 'fastify'

export interface StandInIntake {
  url: string
  /** How often it was asked who a token is. */
  asked(): number
  close(): Promise<void>
}

export const STAND_IN_DEPARTMENT = '市城管局'

export async function standInIntake(): Promise<StandInIntake> {
  let asked = 0
  const app = Fastify()
  app.get('/api/v1/auth/me', async (request, reply) => {
    asked++
    const m = /^Bearer tok-(\w+)$/.exec(request.headers.authorization ?? '')
    if (!m) return reply.code(401).send({ code: 'INTAKE_ERR_UNAUTHENTICATED' })
    return { id: `user:${m[1]}`, role: m[1], ...(m[1] === 'department' ? { department: STAND_IN_DEPARTMENT } : {}) }
  })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return { url, asked: () => asked, close: () => app.close() }
}

/** `authorization` header of the stand-in user of a role. */
export const asRole = (role: string): Record<string, string> => ({ authorization: `Bearer tok-${role}` })
