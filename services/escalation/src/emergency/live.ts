import type { Sql } from '@hotline-hub/db'
import { recordLive as recordLiveMessage } from '../sla/live.ts'

/**
 * 实时消息: emergency and disclosure messages on the console's live stream
 * (the SLA part's escalation.live_events), written in the caller's
 * transaction so that they go out exactly when the change commits. No
 * department: they are for duty officers, leaders and admins.
 */
export async function recordLive(tx: Sql, kind: string, payload: Record<string, unknown>): Promise<void> {
  await recordLiveMessage(tx, kind, payload)
}

/**
 * Messages gathered while a transaction works and written at its end: the
 * stream's writer lock is then taken after every row lock the work needed.
 */
export class LiveBatch {
  private readonly messages: { kind: string; payload: Record<string, unknown> }[] = []

  push(kind: string, payload: Record<string, unknown>): void {
    this.messages.push({ kind, payload })
  }

  async flush(tx: Sql): Promise<void> {
    for (const m of this.messages.splice(0)) await recordLive(tx, m.kind, m.payload)
  }
}
