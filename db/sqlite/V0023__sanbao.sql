-- 三包 (issue 17): the facts the three guarantees need that were not kept, and the manager's decisions.
-- Days in repair and days waiting for parts are not columns: they are read from work_order_events (created →
-- Completed, → AwaitingParts → next status), so orders from before this migration count too (back-filled at read time).
-- fault_code: the fault the technician or desk names; repairs with the same code are "the same fault" (docs/sanbao.md).
ALTER TABLE work_orders ADD COLUMN fault_code TEXT NULL;

-- An exclusion found on an order (misuse, unauthorised repair, no proof of purchase, commercial use) stops 三包.
CREATE TABLE work_order_exclusions (
    id                  TEXT PRIMARY KEY,
    work_order_id       TEXT NOT NULL REFERENCES work_orders(id),
    kind                TEXT NOT NULL CHECK (kind IN ('Misuse','UnauthorisedRepair','NoProofOfPurchase','CommercialUse')),
    note                TEXT NOT NULL,
    recorded_by_user_id TEXT NOT NULL REFERENCES users(id),
    recorded_at         TEXT NOT NULL
);
CREATE INDEX ix_work_order_exclusions_order ON work_order_exclusions (work_order_id);

-- A returned or exchanged appliance leaves the registry through V0021's left_registry_on / replaced_by_id (the till's
-- returns use them too); the count of exchanges is the chain of replaced_by_id, read, not stored.

-- A manager's 三包 decision with the entitlement it was made under (evidence: the whole answer as JSON).
CREATE TABLE sanbao_decisions (
    id                  TEXT PRIMARY KEY,
    appliance_id        TEXT NOT NULL REFERENCES appliances(id),
    work_order_id       TEXT NULL REFERENCES work_orders(id),
    decision            TEXT NOT NULL CHECK (decision IN ('Return','Exchange','Repair')),
    reason              TEXT NOT NULL,
    entitlement         TEXT NOT NULL CHECK (entitlement IN ('Return','Exchange','RepairOnly','None')),
    evidence            TEXT NOT NULL,
    new_appliance_id    TEXT NULL REFERENCES appliances(id),
    decided_by_user_id  TEXT NOT NULL REFERENCES users(id),
    decided_at          TEXT NOT NULL
);
CREATE INDEX ix_sanbao_decisions_appliance ON sanbao_decisions (appliance_id);
