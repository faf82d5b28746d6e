-- Full-balance instructions (a card-termination sweep): the amount is not given but read from the card's balance when
-- the withdrawal is made, so the row carries none until it is claimed. Nothing is ever sent without an amount: a row
-- IN_FLIGHT, or past it, has one. A balance too small to withdraw ends the row as NOTHING_TO_RECLAIM.
-- The check is written so that a missing amount fails it: a CHECK whose expression is NULL passes, and the previous
-- one (amount > 0 AND …) let a NULL amount through.
ALTER TABLE withdrawal ADD COLUMN full_balance BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE withdrawal ALTER COLUMN status TYPE VARCHAR(24);
ALTER TABLE withdrawal_event ALTER COLUMN from_status TYPE VARCHAR(24);
ALTER TABLE withdrawal_event ALTER COLUMN to_status TYPE VARCHAR(24);

ALTER TABLE withdrawal DROP CONSTRAINT withdrawal_status_ck;
ALTER TABLE withdrawal ADD CONSTRAINT withdrawal_status_ck CHECK (status IN
    ('READY', 'IN_FLIGHT', 'SUCCEEDED', 'DECLINED', 'REJECTED', 'DUPLICATE', 'DEFERRED', 'UNKNOWN', 'FAILED', 'NOTHING_TO_RECLAIM'));

ALTER TABLE withdrawal DROP CONSTRAINT withdrawal_accepted_has_amount_ck;
ALTER TABLE withdrawal ADD CONSTRAINT withdrawal_accepted_has_amount_ck CHECK (status IN ('REJECTED', 'DUPLICATE')
    OR (coalesce(amount > 0, full_balance AND status IN ('READY', 'DEFERRED', 'FAILED', 'NOTHING_TO_RECLAIM'))
        AND instruction_key IS NOT NULL AND idempotency_key IS NOT NULL AND provider IS NOT NULL));
