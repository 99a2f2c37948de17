-- 诉求件: the canonical case, its history, idempotency, access and audit.
-- Raw personal data is stored only encrypted (pii_ciphertext, AES-256-GCM);
-- the masked forms and the keyed phone hash are what the rest of the system sees.

CREATE SEQUENCE intake.case_number_seq;

CREATE TABLE intake.cases (
  id                  text        PRIMARY KEY,
  seq                 bigserial   NOT NULL UNIQUE,
  channel             text        NOT NULL,
  external_id         text,
  received_at         timestamptz NOT NULL,
  title               text,
  content             text        NOT NULL,
  status              text        NOT NULL,
  department          text,
  topic               text,
  urgency             text,
  appeal_type         text,
  district            text,
  street              text,
  address_masked      text,
  lat                 double precision,
  lon                 double precision,
  caller_name_masked  text,
  caller_phone_masked text,
  caller_id_masked    text,
  caller_phone_hash   text,
  pii_ciphertext      text,
  pii_key_id          text,
  classification      jsonb,
  merged_into         text,
  extra               jsonb,
  created_by          text        NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer     NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX cases_channel_external_id ON intake.cases (channel, external_id);
CREATE INDEX cases_status ON intake.cases (status);
CREATE INDEX cases_department ON intake.cases (department);
CREATE INDEX cases_district ON intake.cases (district);
CREATE INDEX cases_received_at ON intake.cases (received_at);
CREATE INDEX cases_caller_phone_hash ON intake.cases (caller_phone_hash);

-- 案件流转记录: every transition, with who, when and why. Never updated.
CREATE TABLE intake.case_events (
  id          bigserial   PRIMARY KEY,
  case_id     text        NOT NULL REFERENCES intake.cases (id),
  action      text        NOT NULL,
  from_status text,
  to_status   text        NOT NULL,
  actor_id    text        NOT NULL,
  actor_role  text        NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  reason      text,
  department  text,
  details     jsonb
);
CREATE INDEX case_events_case_id ON intake.case_events (case_id, id);

-- Idempotency-Key: the first answer to a key is the answer to every retry.
CREATE TABLE intake.idempotency_keys (
  principal    text        NOT NULL,
  key          text        NOT NULL,
  request_hash text        NOT NULL,
  status_code  integer     NOT NULL,
  response     jsonb       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);

-- 用户: operators, duty officers, leaders, departments, admins.
CREATE TABLE intake.users (
  id            text        PRIMARY KEY,
  username      text        NOT NULL UNIQUE,
  password_hash text        NOT NULL,
  role          text        NOT NULL,
  department    text,
  display_name  text,
  disabled      boolean     NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE intake.sessions (
  token_hash text        PRIMARY KEY,
  user_id    text        NOT NULL REFERENCES intake.users (id),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Integrators' API keys: stored hashed, scoped to channels, rotatable.
CREATE TABLE intake.api_keys (
  id             text        PRIMARY KEY,
  name           text        NOT NULL,
  key_hash       text        NOT NULL UNIQUE,
  channels       jsonb       NOT NULL,
  rate_per_min   integer     NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz,
  revoked_at     timestamptz,
  replaced_by    text
);

-- 审计: every read of a raw personal value.
CREATE TABLE intake.audit_log (
  id         bigserial   PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor_id   text        NOT NULL,
  actor_role text        NOT NULL,
  action     text        NOT NULL,
  case_id    text,
  fields     jsonb       NOT NULL,
  reason     text
);
CREATE INDEX audit_log_case_id ON intake.audit_log (case_id);
