-- Per-provider request-rate limits (HTP: 60 requests a minute), shared by every process on this ledger.
-- One row per provider: id is the provider id ('htp'), state is Bucket4j's serialized token bucket,
-- read and written under SELECT ... FOR UPDATE by Bucket4j's PostgreSQL proxy manager.
CREATE TABLE rate_limit_bucket (
    id    TEXT  PRIMARY KEY,
    state BYTEA
);
