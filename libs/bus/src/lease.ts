import type { Sql } from '@hotline-hub/db'

/**
 * Claims (or renews) the lease on a consumer-group row so that exactly one
 * process works a group at a time. Returns the group's position when this
 * owner holds the lease, or null when another owner does.
 */
export async function claimLease(sql: Sql, group: string, owner: string, leaseMs: number): Promise<bigint | null> {
  await sql.query(
    `INSERT INTO bus.consumer_positions (group_name, position) VALUES ($1, 0) ON CONFLICT (group_name) DO NOTHING`,
    [group],
  )
  const rows = await sql.query<{ position: string | number | bigint }>(
    `UPDATE bus.consumer_positions
        SET owner = $2, lease_until = now() + ($3::int * interval '1 millisecond')
      WHERE group_name = $1 AND (owner IS NULL OR owner = $2 OR lease_until < now())
      RETURNING position`,
    [group, owner, leaseMs],
  )
  const row = rows[0]
  return row ? BigInt(row.position) : null
}

/** Gives the lease up so that a standby can take over at once. */
export async function releaseLease(sql: Sql, group: string, owner: string): Promise<void> {
  await sql.query(
    `UPDATE bus.consumer_positions SET owner = NULL, lease_until = NULL WHERE group_name = $1 AND owner = $2`,
    [group, owner],
  )
}
