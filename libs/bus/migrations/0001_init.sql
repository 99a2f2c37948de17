-- The transactional outbox. In embedded mode it is also the log itself:
-- consumers read it by sequence number. In Kafka mode a relay publishes its
-- rows in sequence order and marks them published.
CREATE TABLE bus.outbox (
  seq          bigserial PRIMARY KEY,
  topic        text        NOT NULL,
  key          text        NOT NULL,
  event_id     uuid        NOT NULL UNIQUE,
  envelope     jsonb       NOT NULL,
  headers      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished ON bus.outbox (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_topic_seq ON bus.outbox (topic, seq);

-- Consumer-group positions on the log table, with a lease so that one
-- consumer per group is active at a time (others stand by).
CREATE TABLE bus.consumer_positions (
  group_name  text        PRIMARY KEY,
  position    bigint      NOT NULL DEFAULT 0,
  owner       text,
  lease_until timestamptz
);
