-- escalation: the SLA clock (时限与预警) — timers, 督办 notices and the live
-- stream's table. Keep in step with prisma/schema.prisma (the drift test compares them).

-- 时限计时器: when a case's warning (预警, at the policy's warningFraction of the
-- allowed time) or breach (超期) is due, per deadline kind (response 响应 /
-- resolution 办结). Planned from the case facts in the transaction that changed
-- them; claimed by the clock. A row that fired keeps fired_at: the primary key
-- makes a second warning or breach of the same (case, kind, stage) impossible.
-- Rows of a case are only written by a transaction that holds the case's row
-- lock (escalation.cases FOR UPDATE), which is what the clock claims.
CREATE TABLE escalation.sla_timers (
  case_id   text        NOT NULL,
  kind      text        NOT NULL CHECK (kind IN ('response', 'resolution')),
  stage     text        NOT NULL CHECK (stage IN ('warning', 'breach')),
  fire_at   timestamptz NOT NULL,
  due_at    timestamptz NOT NULL,
  fired_at  timestamptz,
  -- the alert.raised.v1 it produced; null when a warning was skipped because the breach was due too
  alert_id  uuid,
  -- a breach raised while the event that met the deadline was still on its way (consumer lag), then withdrawn
  withdrawn_at timestamptz,
  PRIMARY KEY (case_id, kind, stage)
);
CREATE INDEX sla_timers_pending ON escalation.sla_timers (fire_at) WHERE fired_at IS NULL;

-- 督办通知: one per breached deadline of a case, addressed to the department
-- the case was with when it breached ('' when it was not dispatched yet).
CREATE TABLE escalation.sla_notices (
  notice_id   uuid        PRIMARY KEY,
  case_id     text        NOT NULL,
  department  text        NOT NULL DEFAULT '',
  kind        text        NOT NULL CHECK (kind IN ('response', 'resolution')),
  due_at      timestamptz NOT NULL,
  breached_at timestamptz NOT NULL,
  text        text        NOT NULL,
  -- set when the breach proved false (the case had met the deadline; its event came late)
  withdrawn_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sla_notices_case_kind ON escalation.sla_notices (case_id, kind);
CREATE INDEX sla_notices_department ON escalation.sla_notices (department, breached_at);

-- 实时消息: every message of the console's live stream (GET /api/v1/stream),
-- written in the same transaction as its effect. Writers take an advisory lock
-- first, so seq order is commit order and a reader by seq never skips a row.
-- department: the unit whose users may see it too (null: duty officers, leaders, admins only).
CREATE TABLE escalation.live_events (
  seq        bigserial   PRIMARY KEY,
  kind       text        NOT NULL,
  payload    jsonb       NOT NULL,
  department text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX live_events_created_at ON escalation.live_events (created_at);
