-- Claims a manufacturer accepts (issue 14). A contract version carries its claim rules (an order keeps the rules of
-- the version it was created under); every manufacturer-paid order has one claim row whose state says whether a
-- settlement run may take it; a replaced part of such an order becomes an old part (旧件) with a tag, handed in at
-- the desk and shipped back to the manufacturer in return batches.

-- Claim rules; all NULL/0 and no evidence rows = the contract demands nothing beyond the completed job.
ALTER TABLE service_contracts ADD COLUMN claim_callback_required INTEGER NOT NULL DEFAULT 0 CHECK (claim_callback_required IN (0, 1));
ALTER TABLE service_contracts ADD COLUMN claim_old_part_required INTEGER NOT NULL DEFAULT 0 CHECK (claim_old_part_required IN (0, 1));
ALTER TABLE service_contracts ADD COLUMN claim_old_part_within_days INTEGER NULL CHECK (claim_old_part_within_days BETWEEN 1 AND 365);
ALTER TABLE service_contracts ADD COLUMN claim_submit_within_days INTEGER NULL CHECK (claim_submit_within_days BETWEEN 1 AND 365);

-- Evidence photo kinds a claim needs, per order type.
CREATE TABLE contract_claim_evidence (
    contract_id  TEXT NOT NULL REFERENCES service_contracts(id),
    order_type   TEXT NOT NULL CHECK (order_type IN ('Repair','Installation','Maintenance')),
    kind         TEXT NOT NULL CHECK (kind IN ('Nameplate','Invoice','FailedPart','SiteBefore','SiteAfter','InstallationCard')),
    PRIMARY KEY (contract_id, order_type, kind)
);

-- One claim per manufacturer-paid order, from its completion. blocker_codes is the JSON list of {code, args} that
-- keep it NotReady; claim_by is the store-local last day to submit it (NULL = no deadline).
CREATE TABLE work_order_claims (
    work_order_id    TEXT PRIMARY KEY REFERENCES work_orders(id),
    store_id         TEXT NOT NULL REFERENCES stores(id),
    manufacturer_id  TEXT NOT NULL REFERENCES manufacturers(id),
    state            TEXT NOT NULL CHECK (state IN ('NotReady','Ready','Claimed','Expired')),
    blocker_codes    TEXT NOT NULL DEFAULT '[]',
    claim_by         TEXT NULL,
    ready_at         TEXT NULL,
    run_id           TEXT NULL REFERENCES settlement_runs(id),
    released_by_user_id TEXT NULL REFERENCES users(id),
    released_at      TEXT NULL,
    release_reason   TEXT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((state = 'Claimed') = (run_id IS NOT NULL))
);
CREATE INDEX ix_work_order_claims_queue ON work_order_claims (state, claim_by);
CREATE INDEX ix_work_order_claims_manufacturer ON work_order_claims (manufacturer_id, state);

-- Orders completed before claims existed were under no claim rules: each is Ready, or Claimed by the (first) run that
-- holds its manufacturer lines, so the next run neither misses nor repeats one.
INSERT INTO work_order_claims (work_order_id, store_id, manufacturer_id, state, blocker_codes, claim_by, ready_at, run_id, version, created_at, updated_at)
SELECT id, store_id, manufacturer_id, CASE WHEN run_id IS NULL THEN 'Ready' ELSE 'Claimed' END, '[]', NULL, completed_at, run_id, 1, completed_at, completed_at
FROM (SELECT wo.id, wo.store_id, a.manufacturer_id, wo.completed_at,
             (SELECT l.run_id FROM settlement_lines l JOIN settlement_runs r ON r.id = l.run_id
              WHERE l.work_order_id = wo.id AND r.manufacturer_id IS NOT NULL ORDER BY r.created_at LIMIT 1) AS run_id
      FROM work_orders wo JOIN appliances a ON a.id = wo.appliance_id
      WHERE wo.payer = 'Manufacturer' AND wo.claimable = 1 AND wo.completed_at IS NOT NULL) done;

-- A return batch: old parts of one manufacturer sent back with a carrier's waybill.
CREATE TABLE old_part_returns (
    id               TEXT PRIMARY KEY,
    store_id         TEXT NOT NULL REFERENCES stores(id),
    manufacturer_id  TEXT NOT NULL REFERENCES manufacturers(id),
    carrier          TEXT NOT NULL,
    waybill          TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('Shipped','Received')),
    shipped_at       TEXT NOT NULL,
    received_on      TEXT NULL,
    created_by_user_id TEXT NOT NULL REFERENCES users(id),
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    UNIQUE (carrier, waybill)
);

-- An old part: one per replaced part of a manufacturer-paid repair. due_on is the store-local day it must be back
-- with the manufacturer's return (NULL when the contract does not ask for it).
CREATE TABLE old_parts (
    id               TEXT PRIMARY KEY,
    tag              TEXT NOT NULL UNIQUE,
    store_id         TEXT NOT NULL REFERENCES stores(id),
    work_order_id    TEXT NOT NULL REFERENCES work_orders(id),
    part_id          TEXT NOT NULL REFERENCES parts(id),
    manufacturer_id  TEXT NOT NULL REFERENCES manufacturers(id),
    technician_id    TEXT NULL REFERENCES technicians(id),
    quantity         INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    status           TEXT NOT NULL CHECK (status IN ('WithTechnician','InStore','Shipped','Received','Lost','Scrapped')),
    return_required  INTEGER NOT NULL CHECK (return_required IN (0, 1)),
    due_on           TEXT NULL,
    return_id        TEXT NULL REFERENCES old_part_returns(id),
    checked_in_at    TEXT NULL,
    checked_in_by_user_id TEXT NULL REFERENCES users(id),
    written_off_reason TEXT NULL,
    written_off_by_user_id TEXT NULL REFERENCES users(id),
    received_on      TEXT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (work_order_id, part_id)
);
CREATE INDEX ix_old_parts_status ON old_parts (store_id, status, due_on);
CREATE INDEX ix_old_parts_technician ON old_parts (technician_id, status);
CREATE INDEX ix_old_parts_return ON old_parts (return_id);

-- Every status an old part took, with who and when (the history the desk and the manufacturer ask about).
CREATE TABLE old_part_events (
    id               TEXT PRIMARY KEY,
    old_part_id      TEXT NOT NULL REFERENCES old_parts(id),
    status           TEXT NOT NULL CHECK (status IN ('WithTechnician','InStore','Shipped','Received','Lost','Scrapped')),
    return_id        TEXT NULL REFERENCES old_part_returns(id),
    by_user_id       TEXT NULL REFERENCES users(id),
    reason           TEXT NULL,
    occurred_at      TEXT NOT NULL
);
CREATE INDEX ix_old_part_events_part ON old_part_events (old_part_id, occurred_at);
