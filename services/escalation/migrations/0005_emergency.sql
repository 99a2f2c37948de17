-- escalation, emergency part: incidents (突发事件), their reports (突发事件信息报告:
-- 初报 → 续报 → 终报) with approval, reporting deadlines, commitments, signed
-- deliveries to the destination (应急办), and the accountability ledger
-- (舆情回应台账). Keep in step with prisma/schema.prisma (the drift test compares them).

-- 突发事件: one incident per trigger; the cases that raised or joined it are linked.
CREATE TABLE escalation.emergency_incidents (
  id            text        PRIMARY KEY,
  -- what makes two triggers the same incident, e.g. '燃气泄漏@南岗区/花园街道'
  incident_key  text        NOT NULL,
  -- single-case | cluster | sentiment | manual
  trigger       text        NOT NULL,
  rule_id       text        NOT NULL,
  rule_ids      text[]      NOT NULL DEFAULT '{}',
  title         text        NOT NULL,
  topic         text,
  district      text,
  street        text,
  -- open | closed (终报 approved, or closed by an officer)
  status        text        NOT NULL DEFAULT 'open',
  -- 接报时间: when the first case was received
  received_at   timestamptz NOT NULL,
  created_by    text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz
);
-- Concurrent events cannot open the same incident twice.
CREATE UNIQUE INDEX emergency_incidents_open_key ON escalation.emergency_incidents (incident_key) WHERE status = 'open';
CREATE INDEX emergency_incidents_created_at ON escalation.emergency_incidents (created_at);

CREATE TABLE escalation.emergency_incident_cases (
  incident_id text        NOT NULL REFERENCES escalation.emergency_incidents (id),
  case_id     text        NOT NULL,
  rule_id     text        NOT NULL,
  received_at timestamptz NOT NULL,
  linked_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, case_id)
);
CREATE INDEX emergency_incident_cases_case_id ON escalation.emergency_incident_cases (case_id);

-- 报告: stage initial (初报) | follow-up (续报, seq 1, 2 …) | final (终报).
-- status draft | pending_approval | approved | rejected.
CREATE TABLE escalation.emergency_reports (
  id               text        PRIMARY KEY,
  incident_id      text        NOT NULL REFERENCES escalation.emergency_incidents (id),
  stage            text        NOT NULL,
  seq              integer     NOT NULL DEFAULT 0,
  status           text        NOT NULL DEFAULT 'draft',
  -- Ⅰ 特别重大 | Ⅱ 重大 | Ⅲ 较大 | Ⅳ 一般
  grade            text        NOT NULL,
  content          jsonb       NOT NULL DEFAULT '{}'::jsonb,
  -- what the cases gave when it was pre-filled (a field still equal to it is refreshed when a case joins)
  prefill          jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_by       text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_by       text,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  submitted_by     text,
  submitted_at     timestamptz,
  decided_by       text,
  decided_at       timestamptz,
  decision_comment text,
  approved_at      timestamptz
);
CREATE UNIQUE INDEX emergency_reports_stage ON escalation.emergency_reports (incident_id, stage, seq);

-- 审批记录: every submit, approval and rejection, with its comment.
CREATE TABLE escalation.emergency_report_reviews (
  id        text        PRIMARY KEY,
  report_id text        NOT NULL REFERENCES escalation.emergency_reports (id),
  action    text        NOT NULL,
  actor     text        NOT NULL,
  role      text        NOT NULL,
  comment   text,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX emergency_report_reviews_report_id ON escalation.emergency_report_reviews (report_id);

-- 报告时限: one row per deadline of a report, counted from 接报.
-- met_by phone (电话报告) | approved (书面报告 approved) | milestone (权威信息发布, 新闻发布会, 舆情回应).
CREATE TABLE escalation.emergency_deadlines (
  report_id          text        NOT NULL REFERENCES escalation.emergency_reports (id),
  kind               text        NOT NULL,
  label              text        NOT NULL,
  met_by             text        NOT NULL,
  due_at             timestamptz NOT NULL,
  met_at             timestamptz,
  met_recorded_by    text,
  -- set once the sweep found it missed (迟报) and wrote the ledger
  breach_recorded_at timestamptz,
  PRIMARY KEY (report_id, kind)
);
CREATE INDEX emergency_deadlines_due ON escalation.emergency_deadlines (due_at) WHERE met_at IS NULL AND breach_recorded_at IS NULL;

-- 承诺事项: a 拟采取措施 commitment with a due date; binding once its report is approved.
CREATE TABLE escalation.emergency_commitments (
  id                 text        PRIMARY KEY,
  report_id          text        NOT NULL REFERENCES escalation.emergency_reports (id),
  text               text        NOT NULL,
  due_at             timestamptz NOT NULL,
  done_at            timestamptz,
  done_by            text,
  breach_recorded_at timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX emergency_commitments_report_id ON escalation.emergency_commitments (report_id);

-- 报送: an approved report on its way to the destination (应急办 webhook), retried until acknowledged.
CREATE TABLE escalation.emergency_deliveries (
  id               text        PRIMARY KEY,
  report_id        text        NOT NULL REFERENCES escalation.emergency_reports (id),
  url              text        NOT NULL,
  payload          jsonb       NOT NULL,
  -- pending | delivered
  status           text        NOT NULL DEFAULT 'pending',
  attempts         integer     NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  locked_until     timestamptz,
  last_status_code integer,
  last_error       text,
  delivered_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX emergency_deliveries_report_id ON escalation.emergency_deliveries (report_id);
CREATE INDEX emergency_deliveries_due ON escalation.emergency_deliveries (next_attempt_at) WHERE status = 'pending';

CREATE TABLE escalation.emergency_delivery_attempts (
  delivery_id text        NOT NULL REFERENCES escalation.emergency_deliveries (id),
  attempt     integer     NOT NULL,
  status_code integer,
  error       text,
  duration_ms integer     NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (delivery_id, attempt)
);

-- 舆情回应台账 (accountability ledger): 迟报 (late_report), 退回 (rejected), 承诺未兑现
-- (unfulfilled_commitment), with who, when and how late. dedupe_key makes each entry exactly once.
CREATE TABLE escalation.accountability_ledger (
  id           text        PRIMARY KEY,
  dedupe_key   text        NOT NULL,
  kind         text        NOT NULL,
  incident_id  text        NOT NULL,
  report_id    text,
  report_label text,
  subject      text        NOT NULL,
  subject_label text       NOT NULL,
  responsible  text        NOT NULL,
  unit         text,
  actor        text        NOT NULL,
  state        text,
  due_at       timestamptz,
  met_at       timestamptz,
  late_minutes integer,
  detail       text,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accountability_ledger_dedupe_key ON escalation.accountability_ledger (dedupe_key);
CREATE INDEX accountability_ledger_recorded_at ON escalation.accountability_ledger (recorded_at);
