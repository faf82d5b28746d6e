-- Card numbers (Nueve09 PANs) never stand in the ledger in clear: card_id holds the masked form,
-- card_hash a keyed hash (to match a card across runs and against provider records), and
-- sealed_card_number the number already encrypted with the provider's public key, which only the provider can read.
ALTER TABLE withdrawal ADD COLUMN card_hash TEXT;
ALTER TABLE withdrawal ADD COLUMN sealed_card_number TEXT;
