-- escalation, disclosure part: information disclosure requests (依申请公开,
-- 政府信息公开条例 2019) with their deadline changes and outcome, for the
-- annual report table (国办公开办函〔2021〕30号).
-- Keep in step with prisma/schema.prisma (the drift test compares them).

CREATE TABLE escalation.disclosure_requests (
  case_id                 text        PRIMARY KEY,
  -- 收到申请之日
  received_at             timestamptz NOT NULL,
  -- natural | commercial | research | public-interest | legal-service | other (null: not given yet)
  applicant_type          text,
  -- 延期: working days added, once, with the 机构负责人's approval and the notice to the applicant
  extension_days          integer,
  extension_reason        text,
  extension_approved_by   text,
  extension_approved_at   timestamptz,
  extension_notice_at     timestamptz,
  -- 补正: one notice; the period restarts in full when the correction arrives
  correction_items        text,
  correction_notice_at    timestamptz,
  correction_received_at  timestamptz,
  -- 征求第三方意见: [{ thirdParty, from, to }], time not counted
  consultations           jsonb       NOT NULL DEFAULT '[]'::jsonb,
  -- 办理结果: disclose | partial | withhold | unavailable | not-processed | other, with its reason
  outcome                 text,
  outcome_reason          text,
  outcome_note            text,
  outcome_at              timestamptz,
  outcome_by              text,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disclosure_requests_received_at ON escalation.disclosure_requests (received_at);
CREATE INDEX disclosure_requests_outcome_at ON escalation.disclosure_requests (outcome_at);
