-- classifier: what was tagged, and what duty officers corrected (值班员改判).
-- Keep in step with prisma/schema.prisma (the drift test compares them).

-- 分类结果: the latest classification of each case, with the de-identified text
-- it was made from (the text is what a correction retrains on).
CREATE TABLE classifier.classifications (
  case_id       text        PRIMARY KEY,
  event_id      uuid        NOT NULL,
  model_version text        NOT NULL,
  text          text        NOT NULL,
  result        jsonb       NOT NULL,
  classified_at timestamptz NOT NULL DEFAULT now()
);

-- 改判记录: one row per corrected tag. Topic corrections feed the next
-- training run (`train --corrections-from-db`); the others are read when the
-- rule files are reviewed.
CREATE TABLE classifier.corrections (
  id             uuid        PRIMARY KEY,
  case_id        text,
  tag            text        NOT NULL,
  from_value     text,
  to_value       text        NOT NULL,
  text           text        NOT NULL,
  model_version  text,
  corrected_by   text        NOT NULL,
  corrected_role text        NOT NULL,
  reason         text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT corrections_tag CHECK (tag IN ('topic', 'urgency', 'appealType', 'subtopic'))
);
CREATE INDEX corrections_created_at ON classifier.corrections (created_at);
CREATE INDEX corrections_case_id ON classifier.corrections (case_id);
