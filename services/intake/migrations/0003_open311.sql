-- Open311 GeoReport v2: the token answered to POST /open311/v2/requests, so
-- that GET /open311/v2/tokens/{token} finds the service request (the case).
-- One token per case. Keep in step with prisma/schema.prisma (the drift test
-- in libs/db compares them).
CREATE TABLE intake.open311_tokens (
  token      text        PRIMARY KEY,
  case_id    text        NOT NULL UNIQUE,
  api_key_id text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
