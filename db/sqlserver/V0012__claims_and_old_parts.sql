-- Claims a manufacturer accepts (issue 14). A contract version carries its claim rules (an order keeps the rules of
-- the version it was created under); every manufacturer-paid order has one claim row whose state says whether a
-- settlement run may take it; a replaced part of such an order becomes an old part (旧件) with a tag, handed in at
-- the desk and shipped back to the manufacturer in return batches.

-- Claim rules; all NULL/0 and no evidence rows = the contract demands nothing beyond the completed job.
ALTER TABLE service_contracts ADD
    claim_callback_required BIT NOT NULL CONSTRAINT df_service_contracts_claim_callback DEFAULT 0,
    claim_old_part_required BIT NOT NULL CONSTRAINT df_service_contracts_claim_old_part DEFAULT 0,
    claim_old_part_within_days INT NULL CONSTRAINT ck_service_contracts_claim_old_part_days CHECK (claim_old_part_within_days BETWEEN 1 AND 365),
    claim_submit_within_days INT NULL CONSTRAINT ck_service_contracts_claim_submit_days CHECK (claim_submit_within_days BETWEEN 1 AND 365);

-- Evidence photo kinds a claim needs, per order type.
CREATE TABLE contract_claim_evidence (
    contract_id  UNIQUEIDENTIFIER NOT NULL REFERENCES service_contracts(id),
    order_type   NVARCHAR(20) NOT NULL CHECK (order_type IN ('Repair','Installation','Maintenance')),
    kind         NVARCHAR(20) NOT NULL CHECK (kind IN ('Nameplate','Invoice','FailedPart','SiteBefore','SiteAfter','InstallationCard')),
    CONSTRAINT pk_contract_claim_evidence PRIMARY KEY (contract_id, order_type, kind)
);

-- One claim per manufacturer-paid order, from its completion. blocker_codes is the JSON list of {code, args} that
-- keep it NotReady; claim_by is the store-local last day to submit it (NULL = no deadline).
CREATE TABLE work_order_claims (
    work_order_id    UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES work_orders(id),
    store_id         UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    manufacturer_id  UNIQUEIDENTIFIER NOT NULL REFERENCES manufacturers(id),
    state            NVARCHAR(16) NOT NULL CHECK (state IN ('NotReady','Ready','Claimed','Expired')),
    blocker_codes    NVARCHAR(MAX) NOT NULL DEFAULT N'[]',
    claim_by         DATE NULL,
    ready_at         DATETIMEOFFSET(7) NULL,
    run_id           UNIQUEIDENTIFIER NULL REFERENCES settlement_runs(id),
    released_by_user_id UNIQUEIDENTIFIER NULL REFERENCES users(id),
    released_at      DATETIMEOFFSET(7) NULL,
    release_reason   NVARCHAR(1000) NULL,
    version          INT NOT NULL DEFAULT 1,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    updated_at       DATETIMEOFFSET(7) NOT NULL,
    CHECK ((state = 'Claimed' AND run_id IS NOT NULL) OR (state <> 'Claimed' AND run_id IS NULL))
);
CREATE INDEX ix_work_order_claims_queue ON work_order_claims (state, claim_by);
CREATE INDEX ix_work_order_claims_manufacturer ON work_order_claims (manufacturer_id, state);
GO

-- Orders completed before claims existed were under no claim rules: each is Ready, or Claimed by the (first) run that
-- holds its manufacturer lines, so the next run neither misses nor repeats one.
INSERT INTO work_order_claims (work_order_id, store_id, manufacturer_id, state, blocker_codes, claim_by, ready_at, run_id, version, created_at, updated_at)
SELECT id, store_id, manufacturer_id, CASE WHEN run_id IS NULL THEN N'Ready' ELSE N'Claimed' END, N'[]', NULL, completed_at, run_id, 1, completed_at, completed_at
FROM (SELECT wo.id, wo.store_id, a.manufacturer_id, wo.completed_at,
             (SELECT TOP 1 l.run_id FROM settlement_lines l JOIN settlement_runs r ON r.id = l.run_id
              WHERE l.work_order_id = wo.id AND r.manufacturer_id IS NOT NULL ORDER BY r.created_at) AS run_id
      FROM work_orders wo JOIN appliances a ON a.id = wo.appliance_id
      WHERE wo.payer = N'Manufacturer' AND wo.claimable = 1 AND wo.completed_at IS NOT NULL) done;
GO

-- A return batch: old parts of one manufacturer sent back with a carrier's waybill.
CREATE TABLE old_part_returns (
    id               UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    store_id         UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    manufacturer_id  UNIQUEIDENTIFIER NOT NULL REFERENCES manufacturers(id),
    carrier          NVARCHAR(100) NOT NULL,
    waybill          NVARCHAR(100) NOT NULL,
    status           NVARCHAR(16) NOT NULL CHECK (status IN ('Shipped','Received')),
    shipped_at       DATETIMEOFFSET(7) NOT NULL,
    received_on      DATE NULL,
    created_by_user_id UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    version          INT NOT NULL DEFAULT 1,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT ux_old_part_returns_waybill UNIQUE (carrier, waybill)
);

-- An old part: one per replaced part of a manufacturer-paid repair. due_on is the store-local day it must be back
-- with the manufacturer's return (NULL when the contract does not ask for it).
CREATE TABLE old_parts (
    id               UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    tag              NVARCHAR(32) NOT NULL CONSTRAINT ux_old_parts_tag UNIQUE,
    store_id         UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    work_order_id    UNIQUEIDENTIFIER NOT NULL REFERENCES work_orders(id),
    part_id          UNIQUEIDENTIFIER NOT NULL REFERENCES parts(id),
    manufacturer_id  UNIQUEIDENTIFIER NOT NULL REFERENCES manufacturers(id),
    technician_id    UNIQUEIDENTIFIER NULL REFERENCES technicians(id),
    quantity         INT NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    status           NVARCHAR(16) NOT NULL CHECK (status IN ('WithTechnician','InStore','Shipped','Received','Lost','Scrapped')),
    return_required  BIT NOT NULL,
    due_on           DATE NULL,
    return_id        UNIQUEIDENTIFIER NULL REFERENCES old_part_returns(id),
    checked_in_at    DATETIMEOFFSET(7) NULL,
    checked_in_by_user_id UNIQUEIDENTIFIER NULL REFERENCES users(id),
    written_off_reason NVARCHAR(1000) NULL,
    written_off_by_user_id UNIQUEIDENTIFIER NULL REFERENCES users(id),
    received_on      DATE NULL,
    version          INT NOT NULL DEFAULT 1,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    updated_at       DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT ux_old_parts_order_part UNIQUE (work_order_id, part_id)
);
CREATE INDEX ix_old_parts_status ON old_parts (store_id, status, due_on);
CREATE INDEX ix_old_parts_technician ON old_parts (technician_id, status);
CREATE INDEX ix_old_parts_return ON old_parts (return_id);

-- Every status an old part took, with who and when (the history the desk and the manufacturer ask about).
CREATE TABLE old_part_events (
    id               UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    old_part_id      UNIQUEIDENTIFIER NOT NULL REFERENCES old_parts(id),
    status           NVARCHAR(16) NOT NULL CHECK (status IN ('WithTechnician','InStore','Shipped','Received','Lost','Scrapped')),
    return_id        UNIQUEIDENTIFIER NULL REFERENCES old_part_returns(id),
    by_user_id       UNIQUEIDENTIFIER NULL REFERENCES users(id),
    reason           NVARCHAR(1000) NULL,
    occurred_at      DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_old_part_events_part ON old_part_events (old_part_id, occurred_at);
