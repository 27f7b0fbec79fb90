-- Service contracts (特约维修协议) with manufacturers, versioned: a change is a new version of the same series from
-- a date; work orders keep the version that applied when they were created. valid_to is exclusive (NULL =
-- open-ended); money is integer fen.
CREATE TABLE service_contracts (
    id                      UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    manufacturer_id         UNIQUEIDENTIFIER NOT NULL REFERENCES manufacturers(id),
    series_id               UNIQUEIDENTIFIER NOT NULL,
    version                 INT NOT NULL CHECK (version >= 1),
    valid_from              DATE NOT NULL,
    valid_to                DATE NULL,
    certification_required  BIT NOT NULL,
    parts_reimbursement     NVARCHAR(32) NOT NULL CHECK (parts_reimbursement IN ('AtCost','ManufacturerSupplied')),
    callback_fee_fen        BIGINT NULL CHECK (callback_fee_fen >= 0),
    sla_assign_hours        INT NULL CHECK (sla_assign_hours BETWEEN 1 AND 720),
    sla_on_site_hours       INT NULL CHECK (sla_on_site_hours BETWEEN 1 AND 720),
    sla_complete_hours      INT NULL CHECK (sla_complete_hours BETWEEN 1 AND 2160),
    created_by_user_id      UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    created_at              DATETIMEOFFSET(7) NOT NULL,
    UNIQUE (series_id, version),
    CHECK (valid_to IS NULL OR valid_from < valid_to)
);
CREATE INDEX ix_service_contracts_manufacturer ON service_contracts (manufacturer_id, valid_from);

CREATE TABLE contract_categories (
    contract_id           UNIQUEIDENTIFIER NOT NULL REFERENCES service_contracts(id),
    category              NVARCHAR(32) NOT NULL CHECK (category IN ('Tv','Audio','AirConditioner','Refrigerator','WashingMachine','WaterHeater','RangeHood','GasStove','SmallAppliance')),
    whole_unit_months     INT NOT NULL CHECK (whole_unit_months BETWEEN 1 AND 120),
    main_part_months      INT NOT NULL CHECK (main_part_months BETWEEN 1 AND 240),
    installation_fee_fen  BIGINT NULL CHECK (installation_fee_fen >= 0),
    PRIMARY KEY (contract_id, category),
    CHECK (main_part_months >= whole_unit_months)
);

CREATE TABLE contract_repair_fees (
    contract_id  UNIQUEIDENTIFIER NOT NULL REFERENCES service_contracts(id),
    category     NVARCHAR(32) NOT NULL,
    level        NVARCHAR(32) NOT NULL CHECK (level IN ('Minor','Major','PartReplacement')),
    amount_fen   BIGINT NOT NULL CHECK (amount_fen >= 0),
    PRIMARY KEY (contract_id, category, level),
    FOREIGN KEY (contract_id, category) REFERENCES contract_categories(contract_id, category)
);

ALTER TABLE work_orders ADD contract_id UNIQUEIDENTIFIER NULL REFERENCES service_contracts(id);
