-- intake: initial tables. Keep in step with prisma/schema.prisma (the drift
-- test in libs/db compares them). Applied by migrate(db, { schema: 'intake' }),
-- which creates the schema and records this file in intake._migrations.

-- 已处理事件: exactly-once bookkeeping of consumed events.
CREATE TABLE intake.processed_events (
  group_name   text        NOT NULL,
  event_id     uuid        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_name, event_id)
);
