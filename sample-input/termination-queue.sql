-- A sample termination queue: the table a card-issuing platform keeps of the cards due to be closed, which the nightly
-- sweep (jobs/card-termination-sweep.yml) reads. Every card is in the sandbox's seed (sample-input/sandbox-cards.csv),
-- and none is a card the per-diem sample withdraws from.
--
--   psql "$DATABASE_URL" -f sample-input/termination-queue.sql
--
-- Loading it again starts the queue afresh. The primary key, termination_id, is the instruction id and the sort key:
-- an instruction key is the job's name and this id, so a row the sweep has executed is never executed again, whichever
-- night's run reads it.
--
-- amount: NULL or 'ALL' withdraws the card's whole balance; a plain decimal withdraws that much. Plu has no balance to
-- read: its cards are swept by terminating them (Plu liquidates the balance to the wallet), so its rows are all
-- whole-balance. HTP rows carry the wallet and network the balance goes to; Nueve09 rows a location, or none for the
-- job definition's default-location.

DROP TABLE IF EXISTS cards_due_for_termination;

CREATE TABLE cards_due_for_termination (
    termination_id BIGINT      PRIMARY KEY,
    provider       TEXT        NOT NULL,
    card_id        TEXT        NOT NULL,
    amount         TEXT        CHECK (amount IS NULL OR amount = 'ALL' OR amount ~ '^[0-9]+(\.[0-9]{1,2})?$'),
    currency       CHAR(3)     NOT NULL,
    reference      TEXT        NOT NULL,
    wallet_address TEXT,
    network        TEXT,
    latitude       NUMERIC(8, 5),
    longitude      NUMERIC(9, 5),
    due_on         DATE        NOT NULL,
    reason         TEXT        NOT NULL,
    requested_by   TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

COMMENT ON TABLE cards_due_for_termination IS 'Cards to close; the nightly cardsweep sweep reclaims each balance first.';
COMMENT ON COLUMN cards_due_for_termination.amount IS 'NULL or ALL: the whole balance; else a plain decimal, at most 2 places.';

INSERT INTO cards_due_for_termination
    (termination_id, provider, card_id, amount, currency, reference, wallet_address, network, latitude, longitude, due_on, reason,
     requested_by)
VALUES
    (7001, 'cartevo', '29be5d21-2981-4b38-a4c2-771116e58928', NULL, 'USD', 'Termination sweep T-7001', NULL, NULL, NULL, NULL, DATE '2026-10-28', 'employee offboarded', 'hr-offboarding'),
    (7002, 'cartevo', '22335332-d0e6-4b86-9d8a-d616fd35cf2c', '150.00', 'USD', 'Termination sweep T-7002', NULL, NULL, NULL, NULL, DATE '2026-10-30', 'card reported lost', 'hr-offboarding'),
    (7003, 'cartevo', 'ae4d6fdf-bd5b-4fe0-879a-f86c41012b99', NULL, 'USD', 'Termination sweep T-7003', NULL, NULL, NULL, NULL, DATE '2026-10-31', 'contract ended', 'hr-offboarding'),
    (7004, 'cartevo', 'c2a5b56c-73ea-40b9-ada6-2b051d4bef6f', 'ALL', 'USD', 'Termination sweep T-7004', NULL, NULL, NULL, NULL, DATE '2026-11-01', 'program closed', 'hr-offboarding'),
    (7005, 'cartevo', '50039fe7-2ddf-4a02-8045-c635a4c724f6', '75.25', 'USD', 'Termination sweep T-7005', NULL, NULL, NULL, NULL, DATE '2026-11-02', 'suspected fraud', 'hr-offboarding'),
    (7006, 'cartevo', '74186a99-56ff-4f67-96c6-9c92bde0762d', 'ALL', 'USD', 'Termination sweep T-7006', NULL, NULL, NULL, NULL, DATE '2026-10-28', 'duplicate card issued', 'hr-offboarding'),
    (7007, 'uncash', '12ebe792-079d-46b1-9e0b-13bd8740ad3d', NULL, 'USD', 'Termination sweep T-7007', NULL, NULL, NULL, NULL, DATE '2026-10-30', 'card reported lost', 'hr-offboarding'),
    (7008, 'uncash', '1d023975-3a0a-44c0-bb90-e44885d44809', 'ALL', 'USD', 'Termination sweep T-7008', NULL, NULL, NULL, NULL, DATE '2026-10-31', 'contract ended', 'hr-offboarding'),
    (7009, 'uncash', '211d7f5a-7c27-42dc-95c3-3ad40a4d8571', '40.00', 'USD', 'Termination sweep T-7009', NULL, NULL, NULL, NULL, DATE '2026-11-01', 'program closed', 'hr-offboarding'),
    (7010, 'uncash', '4329e3e8-fc10-45b6-8887-ef8a967c1b07', 'ALL', 'USD', 'Termination sweep T-7010', NULL, NULL, NULL, NULL, DATE '2026-11-02', 'suspected fraud', 'hr-offboarding'),
    (7011, 'uncash', '6f6215a8-35e1-4f12-96d2-d4801bd4ae12', NULL, 'USD', 'Termination sweep T-7011', NULL, NULL, NULL, NULL, DATE '2026-10-28', 'duplicate card issued', 'hr-offboarding'),
    (7012, 'plu', 'wayne-card-4b5kci6gzg7gwil', NULL, 'USD', 'Termination sweep T-7012', NULL, NULL, NULL, NULL, DATE '2026-10-31', 'contract ended', 'partner-ops'),
    (7013, 'plu', 'cyberdyne-card-ddnl61dwqou25w0', 'ALL', 'USD', 'Termination sweep T-7013', NULL, NULL, NULL, NULL, DATE '2026-11-01', 'program closed', 'partner-ops'),
    (7014, 'plu', 'tyrell-card-4e8gh8tzduxx8s9', NULL, 'USD', 'Termination sweep T-7014', NULL, NULL, NULL, NULL, DATE '2026-11-02', 'suspected fraud', 'partner-ops'),
    (7015, 'plu', 'soylent-card-5hr7riaww8wpkrl', 'ALL', 'USD', 'Termination sweep T-7015', NULL, NULL, NULL, NULL, DATE '2026-10-28', 'duplicate card issued', 'partner-ops'),
    (7016, 'htp', '730c8628-6852-4c59-96f9-c648d234605a', NULL, 'USD', 'Termination sweep T-7016', 'TD1TDZVCqQg3sYFU5kdSDxrRtxRyg6fnbR', 'TRC20', NULL, NULL, DATE '2026-11-01', 'program closed', 'treasury'),
    (7017, 'htp', '1c9da7ba-2a67-4860-afb2-c9bca6c93cb4', '60.00', 'USD', 'Termination sweep T-7017', '0xf395cff1927e99d1301e5394bba2227de30ebad5', 'ERC20', NULL, NULL, DATE '2026-11-02', 'suspected fraud', 'treasury'),
    (7018, 'htp', 'a6beb953-bffd-469b-80a1-99ee5f3ca4ef', NULL, 'USD', 'Termination sweep T-7018', 'TePZp6YMBHnrwVsYdFUUeokb1qbPJWDymo', 'TRC20', NULL, NULL, DATE '2026-10-28', 'duplicate card issued', 'treasury'),
    (7019, 'htp', '90c80968-2bd5-430c-b0a0-c907fca09166', 'ALL', 'USD', 'Termination sweep T-7019', '0x2a00d893bd14c7ceea57ec59c1f00ca4f020b8d2', 'ERC20', NULL, NULL, DATE '2026-10-30', 'employee offboarded', 'treasury'),
    (7020, 'nueve09', '77ebf79d-f26e-41f3-ab2a-6abbb082721a', NULL, 'MXN', 'Baja de tarjeta T-7020', NULL, NULL, 19.43261, -99.13321, DATE '2026-11-02', 'suspected fraud', 'mx-operations'),
    (7021, 'nueve09', '4b6592f8-b04f-409f-92fb-bb190bbc448b', 'ALL', 'MXN', 'Baja de tarjeta T-7021', NULL, NULL, NULL, NULL, DATE '2026-10-28', 'duplicate card issued', 'mx-operations'),
    (7022, 'nueve09', 'ffc29f1d-88fd-4e46-9fd5-513f3e74643e', '350.00', 'MXN', 'Baja de tarjeta T-7022', NULL, NULL, 20.67361, -103.34400, DATE '2026-10-30', 'employee offboarded', 'mx-operations'),
    (7023, 'nueve09', '0de2a6c8-a00d-4c65-97bd-6222dbce5244', 'ALL', 'MXN', 'Baja de tarjeta T-7023', NULL, NULL, NULL, NULL, DATE '2026-10-31', 'card reported lost', 'mx-operations'),
    (7024, 'nueve09', '07cc9a8d-5722-434a-831f-cec9cd9d7d31', NULL, 'MXN', 'Baja de tarjeta T-7024', NULL, NULL, 25.68661, -100.31611, DATE '2026-11-01', 'contract ended', 'mx-operations');
