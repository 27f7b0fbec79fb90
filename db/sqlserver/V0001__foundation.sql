-- Foundation schema: stores, users and auth, master data, work orders and their events.
-- Ids are app-made uniqueidentifiers; times are datetimeoffset in UTC; money is integer fen (bigint); booleans bit.

CREATE TABLE stores (
    id          UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    code        NVARCHAR(32) NOT NULL UNIQUE,
    name        NVARCHAR(200) NOT NULL,
    city        NVARCHAR(100) NOT NULL,
    address     NVARCHAR(400) NOT NULL,
    time_zone   NVARCHAR(64) NOT NULL DEFAULT 'Asia/Shanghai',
    lat         FLOAT NULL CHECK (lat BETWEEN -90 AND 90),
    lon         FLOAT NULL CHECK (lon BETWEEN -180 AND 180),
    created_at  DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE manufacturers (
    id             UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    name           NVARCHAR(200) NOT NULL UNIQUE,
    contact_name   NVARCHAR(200) NULL,
    contact_phone  NVARCHAR(32) NULL,
    claim_details  NVARCHAR(2000) NULL,
    created_at     DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE technicians (
    id              UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    store_id        UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    code            NVARCHAR(32) NOT NULL,
    name            NVARCHAR(200) NOT NULL,
    phone           NVARCHAR(32) NOT NULL,
    daily_capacity  INT NOT NULL DEFAULT 6 CHECK (daily_capacity BETWEEN 1 AND 30),
    start_lat       FLOAT NULL CHECK (start_lat BETWEEN -90 AND 90),
    start_lon       FLOAT NULL CHECK (start_lon BETWEEN -180 AND 180),
    shift_from      NVARCHAR(5) NOT NULL DEFAULT '08:30',
    shift_to        NVARCHAR(5) NOT NULL DEFAULT '18:00',
    work_days       NVARCHAR(32) NOT NULL DEFAULT 'Mon,Tue,Wed,Thu,Fri,Sat',
    active          BIT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at      DATETIMEOFFSET(7) NOT NULL,
    UNIQUE (store_id, code),
    CHECK (shift_from < shift_to)
);

CREATE TABLE technician_skills (
    technician_id UNIQUEIDENTIFIER NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
    category      NVARCHAR(32) NOT NULL CHECK (category IN ('Tv','Audio','AirConditioner','Refrigerator','WashingMachine','WaterHeater','RangeHood','GasStove','SmallAppliance')),
    PRIMARY KEY (technician_id, category)
);

CREATE TABLE technician_certifications (
    technician_id   UNIQUEIDENTIFIER NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
    manufacturer_id UNIQUEIDENTIFIER NOT NULL REFERENCES manufacturers(id),
    PRIMARY KEY (technician_id, manufacturer_id)
);

CREATE TABLE technician_districts (
    technician_id UNIQUEIDENTIFIER NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
    district      NVARCHAR(100) NOT NULL,
    PRIMARY KEY (technician_id, district)
);

CREATE TABLE users (
    id             UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    username       NVARCHAR(64) NOT NULL UNIQUE,
    password_hash  NVARCHAR(400) NOT NULL,
    role           NVARCHAR(16) NOT NULL CHECK (role IN ('admin','manager','frontdesk','technician','finance')),
    store_id       UNIQUEIDENTIFIER NULL REFERENCES stores(id),
    technician_id  UNIQUEIDENTIFIER NULL REFERENCES technicians(id),
    active         BIT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_logins  INT NOT NULL DEFAULT 0,
    locked_until   DATETIMEOFFSET(7) NULL,
    created_at     DATETIMEOFFSET(7) NOT NULL,
    CHECK ((role = 'technician' AND technician_id IS NOT NULL) OR (role <> 'technician' AND technician_id IS NULL)),
    CHECK (role IN ('admin','manager','finance') OR store_id IS NOT NULL)
);

CREATE UNIQUE INDEX ux_users_technician ON users (technician_id) WHERE technician_id IS NOT NULL;

CREATE TABLE refresh_tokens (
    id          UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    user_id     UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    family_id   UNIQUEIDENTIFIER NOT NULL,
    token_hash  NVARCHAR(128) NOT NULL UNIQUE,
    expires_at  DATETIMEOFFSET(7) NOT NULL,
    created_at  DATETIMEOFFSET(7) NOT NULL,
    used_at     DATETIMEOFFSET(7) NULL,
    revoked_at  DATETIMEOFFSET(7) NULL
);
CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE customers (
    id                UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    store_id          UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    name              NVARCHAR(200) NOT NULL,
    tier              NVARCHAR(16) NOT NULL DEFAULT 'Standard' CHECK (tier IN ('Standard','Vip')),
    callback_consent  BIT NOT NULL DEFAULT 1 CHECK (callback_consent IN (0, 1)),
    notes             NVARCHAR(2000) NULL,
    created_at        DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_customers_name ON customers (name);

CREATE TABLE customer_phones (
    customer_id UNIQUEIDENTIFIER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    phone       NVARCHAR(32) NOT NULL,
    position    INT NOT NULL,
    PRIMARY KEY (customer_id, phone),
    UNIQUE (customer_id, position)
);
CREATE INDEX ix_customer_phones_phone ON customer_phones (phone);

CREATE TABLE customer_addresses (
    id           UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    customer_id  UNIQUEIDENTIFIER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position     INT NOT NULL,
    district     NVARCHAR(100) NOT NULL,
    street       NVARCHAR(400) NOT NULL,
    lat          FLOAT NULL CHECK (lat BETWEEN -90 AND 90),
    lon          FLOAT NULL CHECK (lon BETWEEN -180 AND 180),
    UNIQUE (customer_id, position)
);

CREATE TABLE appliances (
    id                UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    customer_id       UNIQUEIDENTIFIER NOT NULL REFERENCES customers(id),
    category          NVARCHAR(32) NOT NULL CHECK (category IN ('Tv','Audio','AirConditioner','Refrigerator','WashingMachine','WaterHeater','RangeHood','GasStove','SmallAppliance')),
    manufacturer_id   UNIQUEIDENTIFIER NOT NULL REFERENCES manufacturers(id),
    model             NVARCHAR(100) NOT NULL,
    serial_number     NVARCHAR(100) NULL,
    purchase_date     DATE NULL,
    bought_here       BIT NOT NULL DEFAULT 0 CHECK (bought_here IN (0, 1)),
    invoice_number    NVARCHAR(100) NULL,
    manufacture_date  DATE NULL,
    commercial_use    BIT NOT NULL DEFAULT 0 CHECK (commercial_use IN (0, 1)),
    installed_on      DATE NULL,
    created_at        DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_appliances_customer ON appliances (customer_id);

CREATE TABLE installer_partners (
    id                    UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    name                  NVARCHAR(200) NOT NULL UNIQUE,
    management_fee_bp     INT NOT NULL CHECK (management_fee_bp BETWEEN 2000 AND 3000),
    active                BIT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at            DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE installer_partner_categories (
    installer_partner_id UNIQUEIDENTIFIER NOT NULL REFERENCES installer_partners(id) ON DELETE CASCADE,
    category             NVARCHAR(32) NOT NULL CHECK (category IN ('Tv','Audio','AirConditioner','Refrigerator','WashingMachine','WaterHeater','RangeHood','GasStove','SmallAppliance')),
    PRIMARY KEY (installer_partner_id, category)
);

CREATE TABLE installer_partner_districts (
    installer_partner_id UNIQUEIDENTIFIER NOT NULL REFERENCES installer_partners(id) ON DELETE CASCADE,
    district             NVARCHAR(100) NOT NULL,
    PRIMARY KEY (installer_partner_id, district)
);

CREATE TABLE parts (
    id                 UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    part_number        NVARCHAR(64) NOT NULL UNIQUE,
    name               NVARCHAR(200) NOT NULL,
    category           NVARCHAR(32) NULL CHECK (category IN ('Tv','Audio','AirConditioner','Refrigerator','WashingMachine','WaterHeater','RangeHood','GasStove','SmallAppliance')),
    manufacturer_id    UNIQUEIDENTIFIER NULL REFERENCES manufacturers(id),
    main_part          BIT NOT NULL CHECK (main_part IN (0, 1)),
    cost_fen           BIGINT NOT NULL CHECK (cost_fen >= 0),
    retail_price_fen   BIGINT NOT NULL CHECK (retail_price_fen >= 0),
    created_at         DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE work_order_counters (
    store_id     UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    day          NVARCHAR(8) NOT NULL,
    last_number  INT NOT NULL CHECK (last_number BETWEEN 1 AND 9999),
    PRIMARY KEY (store_id, day)
);

CREATE TABLE work_orders (
    id                    UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    store_id              UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    number                NVARCHAR(32) NOT NULL,
    type                  NVARCHAR(16) NOT NULL CHECK (type IN ('Repair','Installation','Maintenance')),
    source                NVARCHAR(16) NOT NULL CHECK (source IN ('Phone','WalkIn','Sales','Manufacturer')),
    status                NVARCHAR(16) NOT NULL CHECK (status IN ('New','Assigned','Accepted','EnRoute','OnSite','AwaitingParts','Completed','Closed','Cancelled')),
    customer_id           UNIQUEIDENTIFIER NOT NULL REFERENCES customers(id),
    appliance_id          UNIQUEIDENTIFIER NOT NULL REFERENCES appliances(id),
    district              NVARCHAR(100) NULL,
    street                NVARCHAR(400) NULL,
    lat                   FLOAT NULL,
    lon                   FLOAT NULL,
    fault_description     NVARCHAR(2000) NOT NULL,
    priority              NVARCHAR(16) NOT NULL CHECK (priority IN ('Normal','Urgent')),
    appointment_from      DATETIMEOFFSET(7) NULL,
    appointment_to        DATETIMEOFFSET(7) NULL,
    technician_id         UNIQUEIDENTIFIER NULL REFERENCES technicians(id),
    installer_partner_id  UNIQUEIDENTIFIER NULL REFERENCES installer_partners(id),
    in_warranty           BIT NOT NULL CHECK (in_warranty IN (0, 1)),
    warranty_coverage     NVARCHAR(16) NOT NULL CHECK (warranty_coverage IN ('WholeUnit','MainPartsOnly','None')),
    payer                 NVARCHAR(16) NOT NULL CHECK (payer IN ('Manufacturer','Customer','Store')),
    claimable             BIT NOT NULL CHECK (claimable IN (0, 1)),
    warranty_reason       NVARCHAR(1000) NOT NULL,
    assign_by             DATETIMEOFFSET(7) NOT NULL,
    on_site_by            DATETIMEOFFSET(7) NOT NULL,
    complete_by           DATETIMEOFFSET(7) NOT NULL,
    sla_paused_at         DATETIMEOFFSET(7) NULL,
    rework_of_id          UNIQUEIDENTIFIER NULL REFERENCES work_orders(id),
    intended_duplicate    BIT NOT NULL DEFAULT 0 CHECK (intended_duplicate IN (0, 1)),
    visits                INT NOT NULL DEFAULT 0,
    repair_level          NVARCHAR(32) NULL CHECK (repair_level IN ('Minor','Major','PartReplacement')),
    failed_part           NVARCHAR(200) NULL,
    main_part             BIT NULL CHECK (main_part IN (0, 1)),
    labour_minutes        INT NULL CHECK (labour_minutes BETWEEN 0 AND 1440),
    resolution_notes      NVARCHAR(2000) NULL,
    customer_rating       INT NULL CHECK (customer_rating BETWEEN 1 AND 5),
    version               INT NOT NULL DEFAULT 1,
    created_by_user_id    UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    created_at            DATETIMEOFFSET(7) NOT NULL,
    updated_at            DATETIMEOFFSET(7) NOT NULL,
    assigned_at           DATETIMEOFFSET(7) NULL,
    on_site_at            DATETIMEOFFSET(7) NULL,
    completed_at          DATETIMEOFFSET(7) NULL,
    closed_at             DATETIMEOFFSET(7) NULL,
    cancelled_at          DATETIMEOFFSET(7) NULL,
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
    id             UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    work_order_id  UNIQUEIDENTIFIER NOT NULL REFERENCES work_orders(id),
    at             DATETIMEOFFSET(7) NOT NULL,
    actor_user_id  UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    actor          NVARCHAR(64) NOT NULL,
    kind           NVARCHAR(32) NOT NULL,
    from_status    NVARCHAR(16) NULL,
    to_status      NVARCHAR(16) NULL,
    reason         NVARCHAR(1000) NULL
);
CREATE INDEX ix_work_order_events_order ON work_order_events (work_order_id, at);

-- Responses to POST/PATCH requests sent with an Idempotency-Key, so a retried request is answered, not redone.
CREATE TABLE idempotency_keys (
    user_id          UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    idempotency_key  NVARCHAR(100) NOT NULL,
    request_hash     NVARCHAR(64) NOT NULL,
    status_code      INT NULL,
    content_type     NVARCHAR(200) NULL,
    location         NVARCHAR(400) NULL,
    etag             NVARCHAR(100) NULL,
    body             NVARCHAR(MAX) NULL,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
