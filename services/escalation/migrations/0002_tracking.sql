-- escalation: what it knows of each case (from case.received, case.lifecycle and
-- case.classified), and the daily rollups the statistics read.
-- Keep in step with prisma/schema.prisma (the drift test compares them).

-- 案件跟踪: one row per case, the facts the statistics and deadlines need.
CREATE TABLE escalation.cases (
  case_id              text        PRIMARY KEY,
  channel              text        NOT NULL,
  received_at          timestamptz NOT NULL,
  status               text        NOT NULL,
  department           text,
  topic                text,
  subtopics            text[]      NOT NULL DEFAULT '{}',
  district             text,
  street               text,
  urgency              text,
  appeal_type          text,
  negativity           real,
  sentiment_flags      text[]      NOT NULL DEFAULT '{}',
  dispatched_at        timestamptz,
  accepted_at          timestamptz,
  replied_at           timestamptz,
  closed_at            timestamptz,
  followed_up_at       timestamptz,
  satisfaction         text,
  solved               boolean,
  sla_rule             text,
  response_due_at      timestamptz,
  resolution_due_at    timestamptz,
  deadline_provisional boolean     NOT NULL DEFAULT false,
  pauses               jsonb       NOT NULL DEFAULT '[]'::jsonb,
  overdue              boolean     NOT NULL DEFAULT false,
  counted              jsonb,
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_received_at ON escalation.cases (received_at);
CREATE INDEX cases_department ON escalation.cases (department);
CREATE INDEX cases_open_due ON escalation.cases (resolution_due_at) WHERE closed_at IS NULL;

-- 日汇总: counts per day of receipt × channel × department × topic × district.
-- A case counts in the row of the day it was received (受理日), with its
-- current department, topic and district; when one of those changes its
-- counts move to the new row. '' stands for "not known (yet)".
CREATE TABLE escalation.rollup_daily (
  day            date    NOT NULL,
  channel        text    NOT NULL,
  department     text    NOT NULL DEFAULT '',
  topic          text    NOT NULL DEFAULT '',
  district       text    NOT NULL DEFAULT '',
  received       integer NOT NULL DEFAULT 0,
  dispatched     integer NOT NULL DEFAULT 0,
  closed         integer NOT NULL DEFAULT 0,
  closed_on_time integer NOT NULL DEFAULT 0,
  responded      integer NOT NULL DEFAULT 0,
  followed_up    integer NOT NULL DEFAULT 0,
  solved         integer NOT NULL DEFAULT 0,
  satisfied      integer NOT NULL DEFAULT 0,
  overdue        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, channel, department, topic, district)
);
CREATE INDEX rollup_daily_department ON escalation.rollup_daily (department, day);

-- 早到事件: a lifecycle or classification event that arrived before the case's
-- case.received (topics are not ordered with each other on Kafka). Applied,
-- in order, when the case arrives.
CREATE TABLE escalation.early_events (
  event_id    uuid        PRIMARY KEY,
  case_id     text        NOT NULL,
  topic       text        NOT NULL,
  envelope    jsonb       NOT NULL,
  occurred_at timestamptz NOT NULL,
  stored_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX early_events_case_id ON escalation.early_events (case_id);
