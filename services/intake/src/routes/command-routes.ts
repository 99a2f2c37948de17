import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import { SATISFACTION } from '@hotline-hub/contracts'
import { actorOf } from '../auth/auth-plugin.ts'
import type { CommandBody } from '../domain/case-commands.ts'
import { COMMANDS, TRANSITIONS, type Command } from '../domain/lifecycle.ts'
import type { IntakeDeps } from '../intake-deps.ts'

const CommandBodySchema = Type.Object(
  {
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    reply: Type.Optional(Type.String({ minLength: 1, maxLength: 20000 })),
    satisfaction: Type.Optional(Type.Unsafe<(typeof SATISFACTION)[number]>({ type: 'string', enum: [...SATISFACTION] })),
    solved: Type.Optional(Type.Boolean()),
    primaryId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
)

/** One route per lifecycle command: POST /api/v1/cases/:id/<command> (follow_up as follow-up). */
export async function commandRoutes(app: FastifyInstance, d: IntakeDeps) {
  for (const command of COMMANDS) {
    const t = TRANSITIONS[command]
    app.post(`/api/v1/cases/:id/${command.replaceAll('_', '-')}`, {
      schema: {
        tags: ['lifecycle'],
        summary: `${t.zh} (${command}): ${t.from.join('|')} → ${t.to ?? 'same state'}`,
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: CommandBodySchema,
      },
      config: { roles: t.roles },
    }, async (request) =>
      d.commands.run((request.params as { id: string }).id, command as Command, (request.body ?? {}) as CommandBody, actorOf(request)),
    )
  }
}
