-- A sweep looks up the other rows of the same card within its job: to terminate a card only once nothing else is to be
-- taken from it, and to claim its termination once. Only rows that ask for a termination are indexed, so a job that
-- does not terminate pays nothing for it on load, and a sweep's lookups do not scan the ledger's whole history.
CREATE INDEX withdrawal_termination_card_ix ON withdrawal (job_name, provider, (coalesce(card_hash, card_id)))
    WHERE termination IS NOT NULL;
