-- Card termination after the withdrawal (a sweep whose job definition says terminate: true). A termination moves money
-- too — most providers refund or pay out what is left on the card as they close it — so it follows the withdrawal's
-- protocol in columns of its own: PENDING (asked for at load) → IN_FLIGHT (committed before the call) → TERMINATED,
-- ALREADY_TERMINATED, DECLINED, DEFERRED (a cooldown: termination_not_before), FAILED or UNKNOWN (never sent again);
-- SKIPPED when the withdrawal before it did not succeed. NULL: the job does not terminate cards.
ALTER TABLE withdrawal ADD COLUMN termination VARCHAR(24);
ALTER TABLE withdrawal ADD COLUMN termination_code TEXT;
ALTER TABLE withdrawal ADD COLUMN termination_reason TEXT;
ALTER TABLE withdrawal ADD COLUMN termination_refunded NUMERIC(14, 2);
ALTER TABLE withdrawal ADD COLUMN termination_not_before TIMESTAMPTZ;
ALTER TABLE withdrawal ADD COLUMN termination_claimed_by BIGINT;
ALTER TABLE withdrawal ADD CONSTRAINT withdrawal_termination_ck CHECK (termination IN
    ('PENDING', 'IN_FLIGHT', 'TERMINATED', 'ALREADY_TERMINATED', 'DECLINED', 'DEFERRED', 'FAILED', 'UNKNOWN', 'SKIPPED'));
ALTER TABLE withdrawal ADD CONSTRAINT withdrawal_termination_deferred_ck
    CHECK (termination IS DISTINCT FROM 'DEFERRED' OR termination_not_before IS NOT NULL);
CREATE INDEX withdrawal_termination_due_ix ON withdrawal (job_name, termination_not_before) WHERE termination IN ('PENDING', 'DEFERRED');

-- A card whose balance no withdrawal can be sized to (Plu documents no balance endpoint) is swept by its termination
-- alone: its withdrawal ends BY_TERMINATION, unsent and without an amount.
ALTER TABLE withdrawal DROP CONSTRAINT withdrawal_status_ck;
ALTER TABLE withdrawal ADD CONSTRAINT withdrawal_status_ck CHECK (status IN ('READY', 'IN_FLIGHT', 'SUCCEEDED', 'DECLINED',
    'REJECTED', 'DUPLICATE', 'DEFERRED', 'UNKNOWN', 'FAILED', 'NOTHING_TO_RECLAIM', 'BY_TERMINATION'));
ALTER TABLE withdrawal DROP CONSTRAINT withdrawal_accepted_has_amount_ck;
ALTER TABLE withdrawal ADD CONSTRAINT withdrawal_accepted_has_amount_ck CHECK (status IN ('REJECTED', 'DUPLICATE')
    OR (coalesce(amount > 0, full_balance AND status IN ('READY', 'DEFERRED', 'FAILED', 'NOTHING_TO_RECLAIM', 'BY_TERMINATION'))
        AND instruction_key IS NOT NULL AND idempotency_key IS NOT NULL AND provider IS NOT NULL));

-- Events of a termination are told apart from the withdrawal's by their subject; their states are the termination's.
ALTER TABLE withdrawal_event ADD COLUMN subject VARCHAR(16) NOT NULL DEFAULT 'withdrawal';
ALTER TABLE withdrawal_event ADD CONSTRAINT withdrawal_event_subject_ck CHECK (subject IN ('withdrawal', 'termination'));
