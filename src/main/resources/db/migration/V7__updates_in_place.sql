-- A withdrawal's transitions (status, reasons, outcome columns, claimed_by) change no indexed column, so PostgreSQL
-- can write each new row version in place (a HOT update) instead of adding an entry to every index per transition.
-- Pages keep room for those versions.
ALTER TABLE withdrawal SET (fillfactor = 70);

-- The execute step reads a run's READY rows per provider in id order; it filters the status itself.
DROP INDEX withdrawal_run_status_ix;
CREATE INDEX withdrawal_run_provider_ix ON withdrawal (run_id, provider, id);

-- Exactly once, as before: rows refused at load (REJECTED, DUPLICATE) never hold an instruction key, which the check
-- now states, so the unique index needs no condition on the status.
ALTER TABLE withdrawal ADD CONSTRAINT withdrawal_refused_holds_no_key_ck
    CHECK (status NOT IN ('REJECTED', 'DUPLICATE') OR instruction_key IS NULL);
DROP INDEX withdrawal_instruction_key_uq;
CREATE UNIQUE INDEX withdrawal_instruction_key_uq ON withdrawal (instruction_key);

-- Rows waiting for their time (DEFERRED) have a not_before, and from now on a claim clears it, so the index of waiting
-- rows stays small. Rows in flight keep theirs: a process of the previous version may still release one.
UPDATE withdrawal SET not_before = NULL WHERE status NOT IN ('DEFERRED', 'IN_FLIGHT') AND not_before IS NOT NULL;
ALTER TABLE withdrawal ADD CONSTRAINT withdrawal_deferred_has_not_before_ck CHECK (status <> 'DEFERRED' OR not_before IS NOT NULL);
CREATE INDEX withdrawal_waiting_ix ON withdrawal (job_name, not_before) WHERE not_before IS NOT NULL;
