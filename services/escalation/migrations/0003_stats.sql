-- escalation: statistics (统计). Keep in step with prisma/schema.prisma (the
-- drift test compares them).

-- Derived rollups, all sums of rollup_daily kept equal to it by the trigger
-- below (every insert, update and delete of a daily row adds its change to
-- them, in the same transaction):
--   月汇总 rollup_monthly: the same rows per calendar month, for periods of whole months;
--   分维度汇总 rollup_daily_slices / rollup_monthly_slices: one dimension at a
--   time (channel, department, topic or district: each case counts once in
--   each), for the views without filters (a trend, this year by department).
-- The batch projection (src/stats/batch-projection.ts) writes them itself
-- from its in-memory sums and sets escalation.rollup_batch = 'on' for its
-- transaction, which this trigger then leaves alone.
CREATE TABLE escalation.rollup_monthly (
  month          date    NOT NULL,
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
  PRIMARY KEY (month, channel, department, topic, district)
);
CREATE INDEX rollup_monthly_department ON escalation.rollup_monthly (department, month);

CREATE TABLE escalation.rollup_daily_slices (
  day            date    NOT NULL,
  dimension      text    NOT NULL,
  value          text    NOT NULL,
  received       integer NOT NULL DEFAULT 0,
  dispatched     integer NOT NULL DEFAULT 0,
  closed         integer NOT NULL DEFAULT 0,
  closed_on_time integer NOT NULL DEFAULT 0,
  responded      integer NOT NULL DEFAULT 0,
  followed_up    integer NOT NULL DEFAULT 0,
  solved         integer NOT NULL DEFAULT 0,
  satisfied      integer NOT NULL DEFAULT 0,
  overdue        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (dimension, day, value)
);

CREATE TABLE escalation.rollup_monthly_slices (
  month          date    NOT NULL,
  dimension      text    NOT NULL,
  value          text    NOT NULL,
  received       integer NOT NULL DEFAULT 0,
  dispatched     integer NOT NULL DEFAULT 0,
  closed         integer NOT NULL DEFAULT 0,
  closed_on_time integer NOT NULL DEFAULT 0,
  responded      integer NOT NULL DEFAULT 0,
  followed_up    integer NOT NULL DEFAULT 0,
  solved         integer NOT NULL DEFAULT 0,
  satisfied      integer NOT NULL DEFAULT 0,
  overdue        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (dimension, month, value)
);

-- plpgsql keeps the plans of its statements; a SQL function called per row would be planned each time.
CREATE FUNCTION escalation.rollup_daily_derive() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  sign integer;
  r escalation.rollup_daily;
  m date;
  dim text;
  val text;
BEGIN
  IF current_setting('escalation.rollup_batch', true) = 'on' THEN
    RETURN NULL;
  END IF;
  -- The old values leave (-1) and the new ones arrive (+1); a change in place is one delta.
  FOR step IN 1..2 LOOP
    IF step = 1 THEN
      CONTINUE WHEN TG_OP = 'INSERT';
      CONTINUE WHEN TG_OP = 'UPDATE' AND (NEW.day, NEW.channel, NEW.department, NEW.topic, NEW.district)
                                       = (OLD.day, OLD.channel, OLD.department, OLD.topic, OLD.district);
      r := OLD;
      sign := -1;
    ELSE
      EXIT WHEN TG_OP = 'DELETE';
      r := NEW;
      sign := 1;
      IF TG_OP = 'UPDATE' AND (NEW.day, NEW.channel, NEW.department, NEW.topic, NEW.district)
                            = (OLD.day, OLD.channel, OLD.department, OLD.topic, OLD.district) THEN
        r.received := NEW.received - OLD.received;
        r.dispatched := NEW.dispatched - OLD.dispatched;
        r.closed := NEW.closed - OLD.closed;
        r.closed_on_time := NEW.closed_on_time - OLD.closed_on_time;
        r.responded := NEW.responded - OLD.responded;
        r.followed_up := NEW.followed_up - OLD.followed_up;
        r.solved := NEW.solved - OLD.solved;
        r.satisfied := NEW.satisfied - OLD.satisfied;
        r.overdue := NEW.overdue - OLD.overdue;
      END IF;
    END IF;
    m := date_trunc('month', r.day)::date;
    INSERT INTO escalation.rollup_monthly AS t (month, channel, department, topic, district, received, dispatched, closed, closed_on_time, responded, followed_up, solved, satisfied, overdue)
    VALUES (m, r.channel, r.department, r.topic, r.district, sign * r.received, sign * r.dispatched, sign * r.closed, sign * r.closed_on_time, sign * r.responded, sign * r.followed_up, sign * r.solved, sign * r.satisfied, sign * r.overdue)
    ON CONFLICT (month, channel, department, topic, district) DO UPDATE SET received = t.received + EXCLUDED.received, dispatched = t.dispatched + EXCLUDED.dispatched, closed = t.closed + EXCLUDED.closed, closed_on_time = t.closed_on_time + EXCLUDED.closed_on_time, responded = t.responded + EXCLUDED.responded, followed_up = t.followed_up + EXCLUDED.followed_up, solved = t.solved + EXCLUDED.solved, satisfied = t.satisfied + EXCLUDED.satisfied, overdue = t.overdue + EXCLUDED.overdue;
    FOREACH dim IN ARRAY ARRAY['channel', 'department', 'topic', 'district'] LOOP
      val := CASE dim WHEN 'channel' THEN r.channel WHEN 'department' THEN r.department WHEN 'topic' THEN r.topic ELSE r.district END;
      INSERT INTO escalation.rollup_daily_slices AS t (day, dimension, value, received, dispatched, closed, closed_on_time, responded, followed_up, solved, satisfied, overdue)
      VALUES (r.day, dim, val, sign * r.received, sign * r.dispatched, sign * r.closed, sign * r.closed_on_time, sign * r.responded, sign * r.followed_up, sign * r.solved, sign * r.satisfied, sign * r.overdue)
      ON CONFLICT (dimension, day, value) DO UPDATE SET received = t.received + EXCLUDED.received, dispatched = t.dispatched + EXCLUDED.dispatched, closed = t.closed + EXCLUDED.closed, closed_on_time = t.closed_on_time + EXCLUDED.closed_on_time, responded = t.responded + EXCLUDED.responded, followed_up = t.followed_up + EXCLUDED.followed_up, solved = t.solved + EXCLUDED.solved, satisfied = t.satisfied + EXCLUDED.satisfied, overdue = t.overdue + EXCLUDED.overdue;
      INSERT INTO escalation.rollup_monthly_slices AS t (month, dimension, value, received, dispatched, closed, closed_on_time, responded, followed_up, solved, satisfied, overdue)
      VALUES (m, dim, val, sign * r.received, sign * r.dispatched, sign * r.closed, sign * r.closed_on_time, sign * r.responded, sign * r.followed_up, sign * r.solved, sign * r.satisfied, sign * r.overdue)
      ON CONFLICT (dimension, month, value) DO UPDATE SET received = t.received + EXCLUDED.received, dispatched = t.dispatched + EXCLUDED.dispatched, closed = t.closed + EXCLUDED.closed, closed_on_time = t.closed_on_time + EXCLUDED.closed_on_time, responded = t.responded + EXCLUDED.responded, followed_up = t.followed_up + EXCLUDED.followed_up, solved = t.solved + EXCLUDED.solved, satisfied = t.satisfied + EXCLUDED.satisfied, overdue = t.overdue + EXCLUDED.overdue;
    END LOOP;
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER rollup_daily_derive AFTER INSERT OR UPDATE OR DELETE ON escalation.rollup_daily
  FOR EACH ROW EXECUTE FUNCTION escalation.rollup_daily_derive();

CREATE FUNCTION escalation.rollup_daily_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE escalation.rollup_monthly, escalation.rollup_daily_slices, escalation.rollup_monthly_slices;
  RETURN NULL;
END
$$;

CREATE TRIGGER rollup_daily_truncated AFTER TRUNCATE ON escalation.rollup_daily
  FOR EACH STATEMENT EXECUTE FUNCTION escalation.rollup_daily_truncated();

-- What was counted before this migration.
INSERT INTO escalation.rollup_monthly (month, channel, department, topic, district, received, dispatched, closed, closed_on_time, responded, followed_up, solved, satisfied, overdue)
SELECT date_trunc('month', day)::date, channel, department, topic, district, sum(received), sum(dispatched), sum(closed), sum(closed_on_time), sum(responded), sum(followed_up), sum(solved), sum(satisfied), sum(overdue)
FROM escalation.rollup_daily GROUP BY 1, 2, 3, 4, 5;
INSERT INTO escalation.rollup_daily_slices (day, dimension, value, received, dispatched, closed, closed_on_time, responded, followed_up, solved, satisfied, overdue)
SELECT day, d.dimension, d.value, sum(received), sum(dispatched), sum(closed), sum(closed_on_time), sum(responded), sum(followed_up), sum(solved), sum(satisfied), sum(overdue)
FROM escalation.rollup_daily r
CROSS JOIN LATERAL (VALUES ('channel', r.channel), ('department', r.department), ('topic', r.topic), ('district', r.district)) AS d (dimension, value)
GROUP BY 1, 2, 3;
INSERT INTO escalation.rollup_monthly_slices (month, dimension, value, received, dispatched, closed, closed_on_time, responded, followed_up, solved, satisfied, overdue)
SELECT date_trunc('month', day)::date, dimension, value, sum(received), sum(dispatched), sum(closed), sum(closed_on_time), sum(responded), sum(followed_up), sum(solved), sum(satisfied), sum(overdue)
FROM escalation.rollup_daily_slices GROUP BY 1, 2, 3;

-- 条线: the line of work of a case of a split channel (radio-hotline: the
-- programme, 行风热线 or 纠风直通车, from the case's extra.programme),
-- remembered when the case is received.
CREATE TABLE escalation.case_subchannels (
  case_id    text PRIMARY KEY,
  channel    text NOT NULL,
  subchannel text NOT NULL
);

-- 条线日汇总: rollup_daily for the cases of split channels, with their line.
CREATE TABLE escalation.rollup_subchannel_daily (
  day            date    NOT NULL,
  channel        text    NOT NULL,
  subchannel     text    NOT NULL,
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
  PRIMARY KEY (day, channel, subchannel, department, topic, district)
);

-- 统计报表: 日报, 周报, 月报, 年报. One per kind and period (the scheduler
-- of every replica inserts … ON CONFLICT DO NOTHING).
CREATE TABLE escalation.stats_reports (
  id           uuid        PRIMARY KEY,
  kind         text        NOT NULL,
  period_start date        NOT NULL,
  period_end   date        NOT NULL,
  generated_at timestamptz NOT NULL DEFAULT now(),
  generated_by text        NOT NULL,
  body         jsonb       NOT NULL,
  text_body    text        NOT NULL,
  csv_body     text        NOT NULL
);
CREATE UNIQUE INDEX stats_reports_kind_period ON escalation.stats_reports (kind, period_start, period_end);
CREATE INDEX stats_reports_generated_at ON escalation.stats_reports (generated_at);
