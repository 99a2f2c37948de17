import type { Channel, Role } from '@hotline-hub/contracts'

/** Who is asking: a signed-in user or an integrator's API key. */
export interface Actor {
  /** `user:<id>` or `key:<id>` */
  id: string
  role: Role
  /** For the department role: the unit (承办单位) it speaks for. */
  department?: string
  /** For integrators: the channels the key may use. */
  channels?: Channel[]
}

export const SYSTEM_ACTOR: Actor = { id: 'system:intake', role: 'admin' }
