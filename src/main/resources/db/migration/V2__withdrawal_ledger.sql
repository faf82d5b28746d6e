-- The withdrawal ledger: one row per source record of a run, one event per state change.

CREATE TABLE withdrawal (
    id                      BIGSERIAL PRIMARY KEY,
    run_id                  BIGINT        NOT NULL REFERENCES batch_job_instance (job_instance_id),
    job_name                VARCHAR(100)  NOT NULL,
    source_line             BIGINT        NOT NULL,
    instruction_id          TEXT,
    -- job definition name + ':' + instruction id; held for ever by the first row that was accepted
    instruction_key         TEXT,
    provider                TEXT,
    card_id                 TEXT,
    amount                  NUMERIC(14, 2),
    amount_given            TEXT,
    currency                CHAR(3),
    reference               TEXT,
    wallet_address          TEXT,
    network                 TEXT,
    latitude                NUMERIC(8, 5),
    longitude               NUMERIC(8, 5),
    status                  VARCHAR(16)   NOT NULL,
    reason_code             TEXT,
    reason                  TEXT,
    idempotency_key         UUID,
    provider_transaction_id TEXT,
    net_amount              NUMERIC(14, 2),
    fee                     NUMERIC(14, 2),
    balance_before          NUMERIC(14, 2),
    balance_after           NUMERIC(14, 2),
    attempts                INT           NOT NULL DEFAULT 0,
    not_before              TIMESTAMPTZ,
    created_at              TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT withdrawal_status_ck CHECK (status IN
        ('READY', 'IN_FLIGHT', 'SUCCEEDED', 'DECLINED', 'REJECTED', 'DUPLICATE', 'DEFERRED', 'UNKNOWN', 'FAILED')),
    CONSTRAINT withdrawal_accepted_has_amount_ck CHECK (status IN ('REJECTED', 'DUPLICATE')
        OR (amount > 0 AND instruction_key IS NOT NULL AND idempotency_key IS NOT NULL AND provider IS NOT NULL)),
    CONSTRAINT withdrawal_source_line_uq UNIQUE (run_id, source_line)
);

-- Exactly once: an instruction key is executed by one row only, whichever run brings it again.
CREATE UNIQUE INDEX withdrawal_instruction_key_uq ON withdrawal (instruction_key)
    WHERE status NOT IN ('REJECTED', 'DUPLICATE');

CREATE INDEX withdrawal_run_status_ix ON withdrawal (run_id, status, id);

CREATE TABLE withdrawal_event (
    id               BIGSERIAL PRIMARY KEY,
    withdrawal_id    BIGINT       NOT NULL REFERENCES withdrawal (id),
    job_execution_id BIGINT,
    from_status      VARCHAR(16),
    to_status        VARCHAR(16)  NOT NULL,
    reason_code      TEXT,
    detail           TEXT,
    occurred_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX withdrawal_event_withdrawal_ix ON withdrawal_event (withdrawal_id, id);

-- The audit trail is append-only.
CREATE FUNCTION withdrawal_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'withdrawal_event is append-only';
END;
$$;

CREATE TRIGGER withdrawal_event_append_only
    BEFORE UPDATE OR DELETE ON withdrawal_event
    FOR EACH ROW EXECUTE FUNCTION withdrawal_event_is_append_only();
