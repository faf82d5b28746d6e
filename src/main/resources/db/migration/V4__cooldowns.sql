-- Cooldowns between withdrawal attempts (Uncash: 15 minutes per card), shared by every process on this ledger.
-- scope_key is the card id, or 'account' when a provider's cooldown applies to the whole account.
CREATE TABLE cooldown (
    provider     TEXT        NOT NULL,
    scope_key    TEXT        NOT NULL,
    available_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider, scope_key)
);
