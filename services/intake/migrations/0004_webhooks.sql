-- 集成方回调 (webhooks): integrators' subscriptions, one delivery per
-- (event, subscription) and every attempt to send it. Keep in step with
-- prisma/schema.prisma (the drift test in libs/db compares them).

-- Subscriptions. The signing secret is read back to sign each request, so it
-- is stored encrypted (AES-256-GCM, the PII key; secret_key_id names it).
CREATE TABLE intake.webhook_subscriptions (
  id                text        PRIMARY KEY,
  owner_id          text        NOT NULL,
  url               text        NOT NULL,
  secret_ciphertext text        NOT NULL,
  secret_key_id     text        NOT NULL,
  events            jsonb       NOT NULL,
  -- NULL: every channel (admins only); a key's subscription lists its channels.
  channels          jsonb,
  created_at        timestamptz NOT NULL DEFAULT now(),
  deleted_at        timestamptz
);
CREATE INDEX webhook_subscriptions_owner_id ON intake.webhook_subscriptions (owner_id);

-- One row per event and subscription, written by the intake-webhooks consumer
-- in the same transaction as the event id (exactly once). The payload is the
-- de-identified event envelope. Workers claim due rows with
-- FOR UPDATE SKIP LOCKED and a lease (locked_until), and send outside the
-- transaction.
CREATE TABLE intake.webhook_deliveries (
  id               text        PRIMARY KEY,
  subscription_id  text        NOT NULL REFERENCES intake.webhook_subscriptions (id),
  event_id         uuid        NOT NULL,
  event_type       text        NOT NULL,
  case_id          text,
  payload          jsonb       NOT NULL,
  -- pending | delivered | failed | cancelled
  status           text        NOT NULL DEFAULT 'pending',
  attempts         integer     NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  locked_until     timestamptz,
  last_status_code integer,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz
);
CREATE UNIQUE INDEX webhook_deliveries_subscription_event ON intake.webhook_deliveries (subscription_id, event_id);
CREATE INDEX webhook_deliveries_subscription_created ON intake.webhook_deliveries (subscription_id, created_at);
CREATE INDEX webhook_deliveries_due ON intake.webhook_deliveries (next_attempt_at) WHERE status = 'pending';

-- Every attempt: answer code, error, how long it took. Never updated.
CREATE TABLE intake.webhook_attempts (
  id          bigserial   PRIMARY KEY,
  delivery_id text        NOT NULL REFERENCES intake.webhook_deliveries (id),
  attempt     integer     NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  status_code integer,
  error       text,
  duration_ms integer     NOT NULL
);
CREATE INDEX webhook_attempts_delivery_id ON intake.webhook_attempts (delivery_id, attempt);
