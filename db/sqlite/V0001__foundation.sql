-- Foundation schema: stores, users and auth, master data, work orders and their events.
-- Ids are app-made GUIDs stored as text; times are UTC ISO-8601 text; money is integer fen; booleans 0/1.

CREATE TABLE stores (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name        TEXT NOT NULL,
    city        TEXT NOT NULL,
    address     TEXT NOT NULL,
    time_zone   TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    lat         REAL NULL CHECK (lat BETWEEN -90 AND 90),
    lon         REAL NULL CHECK (lon BETWEEN -180 AND 180),
    created_at  TEXT NOT NULL
);

CREATE TABLE manufacturers (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    contact_name   TEXT NULL,
    contact_phone  TEXT NULL,
    claim_details  TEXT NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE technicians (
    id              TEXT PRIMARY KEY,
    store_id        TEXT NOT NULL REFERENCES stores(id),
    code            TEXT NOT NULL COLLATE NOCASE,
    name            TEXT NOT NULL,
    phone           TEXT NOT NULL,
    daily_capacity  INTEGER NOT NULL DEFAULT 6 CHECK (daily_capacity BETWEEN 1 AND 30),
    start_lat       REAL NULL CHECK (start_lat BETWEEN -90 AND 90),
    start_lon       REAL NULL CHECK (start_lon BETWEEN -180 AND 180),
    shift_from      TEXT NOT NULL DEFAULT '08:30',
    shift_to        TEXT NOT NULL DEFAULT '18:00',
    work_days       TEXT NOT NULL DEFAULT 'Mon,Tue,Wed,Thu,Fri,Sat',
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at      TEXT NOT NULL,
    UNIQUE (store_id, code),
    CHECK (shift_from < shift_to)
);

CREATE TABLE technician_skills (
    technician_id TEXT NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
    category      TEXT NOT NULL CHECK (category IN ('Tv','Audio','AirConditioner','Refrigerator','WashingMachine','WaterHeater','RangeHood','GasStove','SmallAppliance')),
    PRIMARY KEY (technician_id, category)
);

CREATE TABLE technician_certifications (
    technician_id   TEXT NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
    manufacturer_id TEXT NOT NULL REFERENCES manufacturers(id),
    PRIMARY KEY (technician_id, manufacturer_id)
);

CREATE TABLE technician_districts (
    technician_id TEXT NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
    district      TEXT NOT NULL,
    PRIMARY KEY (technician_id, district)
);

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('admin','manager','frontdesk','technician','finance')),
    store_id       TEXT NULL REFERENCES stores(id),
    technician_id  TEXT NULL UNIQUE REFERENCES technicians(id),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   TEXT NULL,
    created_at     TEXT NOT NULL,
    CHECK ((role = 'technician' AND technician_id IS NOT NULL) OR (role <> 'technician' AND technician_id IS NULL)),
    CHECK (role IN ('admin','manager','finance') OR store_id IS NOT NULL)
);

CREATE TABLE refresh_tokens (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    family_id   TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    expires_at  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    used_at     TEXT NULL,
    revoked_at  TEXT NULL
);
CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE customers (
    id                TEXT PRIMARY KEY,
    store_id          TEXT NOT NULL REFERENCES stores(id),
    name              TEXT NOT NULL,
    tier              TEXT NOT NULL DEFAULT 'Standard' CHECK (tier IN ('Standard','Vip')),
    callback_consent  INTEGER NOT NULL DEFAULT 1 CHECK (callback_consent IN (0, 1)),
    notes             TEXT NULL,
    created_at        TEXT NOT NULL
);
CREATE INDEX ix_customers_name ON customers (name);

CREATE TABLE customer_phones (
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    phone       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (customer_id, phone),
    UNIQUE (customer_id, position)
);
CREATE INDEX ix_customer_phones_phone ON customer_phones (phone);

CREATE TABLE customer_addresses (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    district     TEXT NOT NULL,
    street       TEXT NOT NULL,
    lat          REAL NULL CHECK (lat BETWEEN -90 AND 90),
    lon          REAL NULL CHECK (lon BETWEEN -180 AND 180),
    UNIQUE (customer_id, position)
);

CREATE TABLE appliances (
    id                TEXT PRIMARY KEY,
    customer_id       TEXT NOT NULL REFERENCES customers(id),
    category          TEXT NOT NULL CHECK (category IN ('Tv','Audio','AirConditioner','Refrigerator','WashingMachine','WaterHeater','RangeHood','GasStove','SmallAppliance')),
    manufacturer_id   TEXT NOT NULL REFERENCES manufacturers(id),
    model             TEXT NOT NULL,
    serial_number     TEXT NULL,
    purchase_date     TEXT NULL,
    bought_here       INTEGER NOT NULL DEFAULT 0 CHECK (bought_here IN (0, 1)),
    invoice_number    TEXT NULL,
    manufacture_date  TEXT NULL,
    commercial_use    INTEGER NOT NULL DEFAULT 0 CHECK (commercial_use IN (0, 1)),
    installed_on      TEXT NULL,
    created_at        TEXT NOT NULL
);
CREATE INDEX ix_appliances_customer ON appliances (customer_id);

CREATE TABLE installer_partners (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL UNIQUE COLLATE NOCASE,
    management_fee_bp     INTEGER NOT NULL CHECK (management_fee_bp BETWEEN 2000 AND 3000),
    active                INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at            TEXT NOT NULL
);

CREATE TABLE installer_partner_categories (
    installer_partner_id TEXT NOT NULL REFERENCES installer_partners(id) ON DELETE CASCADE,
    category             TEXT NOT NULL CHECK (category IN ('Tv','Audio','AirConditioner','Refrigerator','WashingMachine','WaterHeater','RangeHood','GasStove','SmallAppliance')),
    PRIMARY KEY (installer_partner_id, category)
);

CREATE TABLE installer_partner_districts (
    installer_partner_id TEXT NOT NULL REFERENCES installer_partners(id) ON DELETE CASCADE,
    district             TEXT NOT NULL,
    PRIMARY KEY (installer_partner_id, district)
);

CREATE TABLE parts (
    id                 TEXT PRIMARY KEY,
    part_number        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name               TEXT NOT NULL,
    category           TEXT NULL CHECK (category IN ('Tv','Audio','AirConditioner','Refrigerator','WashingMachine','WaterHeater','RangeHood','GasStove','SmallAppliance')),
    manufacturer_id    TEXT NULL REFERENCES manufacturers(id),
    main_part          INTEGER NOT NULL CHECK (main_part IN (0, 1)),
    cost_fen           INTEGER NOT NULL CHECK (cost_fen >= 0),
    retail_price_fen   INTEGER NOT NULL CHECK (retail_price_fen >= 0),
    created_at         TEXT NOT NULL
);

CREATE TABLE work_order_counters (
    store_id     TEXT NOT NULL REFERENCES stores(id),
    day          TEXT NOT NULL,
    last_number  INTEGER NOT NULL CHECK (last_number BETWEEN 1 AND 9999),
    PRIMARY KEY (store_id, day)
);

CREATE TABLE work_orders (
    id                    TEXT PRIMARY KEY,
    store_id              TEXT NOT NULL REFERENCES stores(id),
    number                TEXT NOT NULL,
    type                  TEXT NOT NULL CHECK (type IN ('Repair','Installation','Maintenance')),
    source                TEXT NOT NULL CHECK (source IN ('Phone','WalkIn','Sales','Manufacturer')),
    status                TEXT NOT NULL CHECK (status IN ('New','Assigned','Accepted','EnRoute','OnSite','AwaitingParts','Completed','Closed','Cancelled')),
    customer_id           TEXT NOT NULL REFERENCES customers(id),
    appliance_id          TEXT NOT NULL REFERENCES appliances(id),
    district              TEXT NULL,
    street                TEXT NULL,
    lat                   REAL NULL,
    lon                   REAL NULL,
    fault_description     TEXT NOT NULL,
    priority              TEXT NOT NULL CHECK (priority IN ('Normal','Urgent')),
    appointment_from      TEXT NULL,
    appointment_to        TEXT NULL,
    technician_id         TEXT NULL REFERENCES technicians(id),
    installer_partner_id  TEXT NULL REFERENCES installer_partners(id),
    in_warranty           INTEGER NOT NULL CHECK (in_warranty IN (0, 1)),
    warranty_coverage     TEXT NOT NULL CHECK (warranty_coverage IN ('WholeUnit','MainPartsOnly','None')),
    payer                 TEXT NOT NULL CHECK (payer IN ('Manufacturer','Customer','Store')),
    claimable             INTEGER NOT NULL CHECK (claimable IN (0, 1)),
    warranty_reason       TEXT NOT NULL,
    assign_by             TEXT NOT NULL,
    on_site_by            TEXT NOT NULL,
    complete_by           TEXT NOT NULL,
    sla_paused_at         TEXT NULL,
    rework_of_id          TEXT NULL REFERENCES work_orders(id),
    intended_duplicate    INTEGER NOT NULL DEFAULT 0 CHECK (intended_duplicate IN (0, 1)),
    visits                INTEGER NOT NULL DEFAULT 0,
    repair_level          TEXT NULL CHECK (repair_level IN ('Minor','Major','PartReplacement')),
    failed_part           TEXT NULL,
    main_part             INTEGER NULL CHECK (main_part IN (0, 1)),
    labour_minutes        INTEGER NULL CHECK (labour_minutes BETWEEN 0 AND 1440),
    resolution_notes      TEXT NULL,
    customer_rating       INTEGER NULL CHECK (customer_rating BETWEEN 1 AND 5),
    version               INTEGER NOT NULL DEFAULT 1,
    created_by_user_id    TEXT NOT NULL REFERENCES users(id),
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    assigned_at           TEXT NULL,
    on_site_at            TEXT NULL,
    completed_at          TEXT NULL,
    closed_at             TEXT NULL,
    cancelled_at          TEXT NULL,
    UNIQUE (store_id, number),
    CHECK (technician_id IS NULL OR installer_partner_id IS NULL),
    CHECK (appointment_from IS NULL OR appointment_to IS NULL OR appointment_from < appointment_to)
);
CREATE INDEX ix_work_orders_created ON work_orders (created_at, id);
CREATE INDEX ix_work_orders_status ON work_orders (status, created_at);
CREATE INDEX ix_work_orders_technician ON work_orders (technician_id, created_at);
CREATE INDEX ix_work_orders_customer ON work_orders (customer_id, created_at);
CREATE INDEX ix_work_orders_rework_of ON work_orders (rework_of_id);
CREATE INDEX ix_work_orders_appliance ON work_orders (appliance_id, status);
-- One open order per appliance unless the caller marked the new one as an intended duplicate.
CREATE UNIQUE INDEX ux_work_orders_open_appliance ON work_orders (appliance_id)
    WHERE intended_duplicate = 0 AND status IN ('New','Assigned','Accepted','EnRoute','OnSite','AwaitingParts');

CREATE TABLE work_order_events (
    id             TEXT PRIMARY KEY,
    work_order_id  TEXT NOT NULL REFERENCES work_orders(id),
    at             TEXT NOT NULL,
    actor_user_id  TEXT NOT NULL REFERENCES users(id),
    actor          TEXT NOT NULL,
    kind           TEXT NOT NULL,
    from_status    TEXT NULL,
    to_status      TEXT NULL,
    reason         TEXT NULL
);
CREATE INDEX ix_work_order_events_order ON work_order_events (work_order_id, at);

-- Responses to POST/PATCH requests sent with an Idempotency-Key, so a retried request is answered, not redone.
CREATE TABLE idempotency_keys (
    user_id          TEXT NOT NULL REFERENCES users(id),
    idempotency_key  TEXT NOT NULL,
    request_hash     TEXT NOT NULL,
    status_code      INTEGER NULL,
    content_type     TEXT NULL,
    location         TEXT NULL,
    etag             TEXT NULL,
    body             TEXT NULL,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
