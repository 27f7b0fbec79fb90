-- Service contracts (特约维修协议) with manufacturers, versioned: a change is a new version of the same series from
-- a date; work orders keep the version that applied when they were created. Dates are yyyy-MM-dd text, valid_to
-- exclusive (NULL = open-ended); money is integer fen.
CREATE TABLE service_contracts (
    id                      TEXT PRIMARY KEY,
    manufacturer_id         TEXT NOT NULL REFERENCES manufacturers(id),
    series_id               TEXT NOT NULL,
    version                 INTEGER NOT NULL CHECK (version >= 1),
    valid_from              TEXT NOT NULL,
    valid_to                TEXT NULL,
    certification_required  INTEGER NOT NULL CHECK (certification_required IN (0, 1)),
    parts_reimbursement     TEXT NOT NULL CHECK (parts_reimbursement IN ('AtCost','ManufacturerSupplied')),
    callback_fee_fen        INTEGER NULL CHECK (callback_fee_fen >= 0),
    sla_assign_hours        INTEGER NULL CHECK (sla_assign_hours BETWEEN 1 AND 720),
    sla_on_site_hours       INTEGER NULL CHECK (sla_on_site_hours BETWEEN 1 AND 720),
    sla_complete_hours      INTEGER NULL CHECK (sla_complete_hours BETWEEN 1 AND 2160),
    created_by_user_id      TEXT NOT NULL REFERENCES users(id),
    created_at              TEXT NOT NULL,
    UNIQUE (series_id, version),
    CHECK (valid_to IS NULL OR valid_from < valid_to)
);
CREATE INDEX ix_service_contracts_manufacturer ON service_contracts (manufacturer_id, valid_from);

CREATE TABLE contract_categories (
    contract_id           TEXT NOT NULL REFERENCES service_contracts(id),
    category              TEXT NOT NULL CHECK (category IN ('Tv','Audio','AirConditioner','Refrigerator','WashingMachine','WaterHeater','RangeHood','GasStove','SmallAppliance')),
    whole_unit_months     INTEGER NOT NULL CHECK (whole_unit_months BETWEEN 1 AND 120),
    main_part_months      INTEGER NOT NULL CHECK (main_part_months BETWEEN 1 AND 240),
    installation_fee_fen  INTEGER NULL CHECK (installation_fee_fen >= 0),
    PRIMARY KEY (contract_id, category),
    CHECK (main_part_months >= whole_unit_months)
);

CREATE TABLE contract_repair_fees (
    contract_id  TEXT NOT NULL REFERENCES service_contracts(id),
    category     TEXT NOT NULL,
    level        TEXT NOT NULL CHECK (level IN ('Minor','Major','PartReplacement')),
    amount_fen   INTEGER NOT NULL CHECK (amount_fen >= 0),
    PRIMARY KEY (contract_id, category, level),
    FOREIGN KEY (contract_id, category) REFERENCES contract_categories(contract_id, category)
);

ALTER TABLE work_orders ADD COLUMN contract_id TEXT NULL REFERENCES service_contracts(id);
