-- Technician mobile API (issue 4): client-side event times, parts used and requested, stock, signatures, location
-- pings, and the change feed behind /mobile/sync.

-- When the technician did it (the phone's clock, maybe offline) next to when the server heard of it (`at`).
ALTER TABLE work_order_events ADD COLUMN occurred_at TEXT NULL;
UPDATE work_order_events SET occurred_at = at;
CREATE INDEX ix_work_order_events_occurred ON work_order_events (work_order_id, occurred_at);

-- Stock is kept where a row exists: a part without a row for the store is not counted.
CREATE TABLE part_stock (
    store_id    TEXT NOT NULL REFERENCES stores(id),
    part_id     TEXT NOT NULL REFERENCES parts(id),
    quantity    INTEGER NOT NULL CHECK (quantity >= 0),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (store_id, part_id)
);

-- Parts used on a job, with the prices that applied (integer fen), recorded once at completion.
CREATE TABLE work_order_parts (
    work_order_id     TEXT NOT NULL REFERENCES work_orders(id),
    part_id           TEXT NOT NULL REFERENCES parts(id),
    quantity          INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    unit_cost_fen     INTEGER NOT NULL CHECK (unit_cost_fen >= 0),
    unit_retail_fen   INTEGER NOT NULL CHECK (unit_retail_fen >= 0),
    created_at        TEXT NOT NULL,
    PRIMARY KEY (work_order_id, part_id)
);

-- Parts a technician asked for when the job went to AwaitingParts.
CREATE TABLE work_order_part_requests (
    id             TEXT PRIMARY KEY,
    work_order_id  TEXT NOT NULL REFERENCES work_orders(id),
    part_id        TEXT NOT NULL REFERENCES parts(id),
    quantity       INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    requested_at   TEXT NOT NULL
);
CREATE INDEX ix_work_order_part_requests_order ON work_order_part_requests (work_order_id);

CREATE TABLE work_order_signatures (
    work_order_id  TEXT PRIMARY KEY REFERENCES work_orders(id),
    content_type   TEXT NOT NULL CHECK (content_type IN ('image/png','image/jpeg')),
    data           BLOB NOT NULL,
    created_at     TEXT NOT NULL
);

-- Location pings, compact: coordinates in 1e-5 degrees (about a metre), one row per technician and second.
CREATE TABLE technician_locations (
    technician_id  TEXT NOT NULL REFERENCES technicians(id),
    recorded_at    TEXT NOT NULL,
    lat_e5         INTEGER NOT NULL CHECK (lat_e5 BETWEEN -9000000 AND 9000000),
    lon_e5         INTEGER NOT NULL CHECK (lon_e5 BETWEEN -18000000 AND 18000000),
    PRIMARY KEY (technician_id, recorded_at)
) WITHOUT ROWID;
CREATE INDEX ix_technician_locations_recorded ON technician_locations (recorded_at);

-- The change feed. Every insert or update of a work order takes the next value of one database-wide clock; a job
-- leaving a technician's view (reassigned, declined, cancelled, closed) leaves a tombstone with its own value.
-- SQLite has one writer at a time, so values become visible in order and a sync token is simply the last value.
CREATE TABLE sync_clock (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    value  INTEGER NOT NULL
);
INSERT INTO sync_clock (id, value) VALUES (1, 0);

ALTER TABLE work_orders ADD COLUMN sync_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_work_orders_technician_sync ON work_orders (technician_id, sync_version);

CREATE TABLE mobile_tombstones (
    sync_version   INTEGER PRIMARY KEY,
    technician_id  TEXT NOT NULL,
    work_order_id  TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX ix_mobile_tombstones_technician ON mobile_tombstones (technician_id, sync_version);

CREATE TRIGGER trg_work_orders_sync_insert AFTER INSERT ON work_orders
BEGIN
    UPDATE sync_clock SET value = value + 1 WHERE id = 1;
    UPDATE work_orders SET sync_version = (SELECT value FROM sync_clock WHERE id = 1) WHERE id = NEW.id;
END;

CREATE TRIGGER trg_work_orders_sync_update AFTER UPDATE ON work_orders
WHEN NEW.sync_version = OLD.sync_version
BEGIN
    UPDATE sync_clock SET value = value + 1 WHERE id = 1;
    UPDATE work_orders SET sync_version = (SELECT value FROM sync_clock WHERE id = 1) WHERE id = NEW.id;
END;

-- Existing orders get their versions now (the update trigger fires once per row), so 0 means "before everything".
UPDATE work_orders SET updated_at = updated_at;

CREATE TRIGGER trg_work_orders_tombstone AFTER UPDATE OF technician_id, status ON work_orders
WHEN OLD.technician_id IS NOT NULL AND OLD.status NOT IN ('Closed','Cancelled')
 AND (NEW.technician_id IS NULL OR NEW.technician_id <> OLD.technician_id OR NEW.status IN ('Closed','Cancelled'))
BEGIN
    UPDATE sync_clock SET value = value + 1 WHERE id = 1;
    INSERT INTO mobile_tombstones (sync_version, technician_id, work_order_id, created_at)
    VALUES ((SELECT value FROM sync_clock WHERE id = 1), OLD.technician_id, OLD.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE INDEX ix_mobile_tombstones_created ON mobile_tombstones (created_at);
