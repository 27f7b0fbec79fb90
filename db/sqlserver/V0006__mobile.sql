-- Technician mobile API (issue 4): client-side event times, parts used and requested, stock, signatures, location
-- pings, and the change feed behind /mobile/sync.

-- When the technician did it (the phone's clock, maybe offline) next to when the server heard of it (`at`).
ALTER TABLE work_order_events ADD occurred_at DATETIMEOFFSET(7) NULL;
GO
UPDATE work_order_events SET occurred_at = at;
CREATE INDEX ix_work_order_events_occurred ON work_order_events (work_order_id, occurred_at);

-- Stock is kept where a row exists: a part without a row for the store is not counted.
CREATE TABLE part_stock (
    store_id    UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    part_id     UNIQUEIDENTIFIER NOT NULL REFERENCES parts(id),
    quantity    INT NOT NULL CHECK (quantity >= 0),
    updated_at  DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (store_id, part_id)
);

-- Parts used on a job, with the prices that applied (integer fen), recorded once at completion.
CREATE TABLE work_order_parts (
    work_order_id     UNIQUEIDENTIFIER NOT NULL REFERENCES work_orders(id),
    part_id           UNIQUEIDENTIFIER NOT NULL REFERENCES parts(id),
    quantity          INT NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    unit_cost_fen     BIGINT NOT NULL CHECK (unit_cost_fen >= 0),
    unit_retail_fen   BIGINT NOT NULL CHECK (unit_retail_fen >= 0),
    created_at        DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (work_order_id, part_id)
);

-- Parts a technician asked for when the job went to AwaitingParts.
CREATE TABLE work_order_part_requests (
    id             UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    work_order_id  UNIQUEIDENTIFIER NOT NULL REFERENCES work_orders(id),
    part_id        UNIQUEIDENTIFIER NOT NULL REFERENCES parts(id),
    quantity       INT NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    requested_at   DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_work_order_part_requests_order ON work_order_part_requests (work_order_id);

CREATE TABLE work_order_signatures (
    work_order_id  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES work_orders(id),
    content_type   NVARCHAR(16) NOT NULL CHECK (content_type IN ('image/png','image/jpeg')),
    data           VARBINARY(MAX) NOT NULL,
    created_at     DATETIMEOFFSET(7) NOT NULL
);

-- Location pings, compact: coordinates in 1e-5 degrees (about a metre), one row per technician and instant.
CREATE TABLE technician_locations (
    technician_id  UNIQUEIDENTIFIER NOT NULL REFERENCES technicians(id),
    recorded_at    DATETIMEOFFSET(7) NOT NULL,
    lat_e5         INT NOT NULL CHECK (lat_e5 BETWEEN -9000000 AND 9000000),
    lon_e5         INT NOT NULL CHECK (lon_e5 BETWEEN -18000000 AND 18000000),
    PRIMARY KEY (technician_id, recorded_at)
);
CREATE INDEX ix_technician_locations_recorded ON technician_locations (recorded_at);

-- The change feed: rowversion is database-wide and increases with every insert or update. A sync reads only below
-- MIN_ACTIVE_ROWVERSION(), so a version is never skipped because its transaction committed late.
ALTER TABLE work_orders ADD sync_version ROWVERSION;
GO
CREATE INDEX ix_work_orders_technician_sync ON work_orders (technician_id, sync_version);

CREATE TABLE mobile_tombstones (
    id             BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    sync_version   ROWVERSION,
    technician_id  UNIQUEIDENTIFIER NOT NULL,
    work_order_id  UNIQUEIDENTIFIER NOT NULL,
    created_at     DATETIMEOFFSET(7) NOT NULL DEFAULT SYSUTCDATETIME()
);
CREATE INDEX ix_mobile_tombstones_technician ON mobile_tombstones (technician_id, sync_version);
CREATE INDEX ix_mobile_tombstones_created ON mobile_tombstones (created_at);
GO

-- A job leaves a technician's view when it is reassigned, declined, cancelled or closed.
CREATE TRIGGER trg_work_orders_tombstone ON work_orders AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO mobile_tombstones (technician_id, work_order_id)
    SELECT d.technician_id, d.id FROM deleted d JOIN inserted i ON i.id = d.id
    WHERE d.technician_id IS NOT NULL AND d.status NOT IN ('Closed','Cancelled')
      AND (i.technician_id IS NULL OR i.technician_id <> d.technician_id OR i.status IN ('Closed','Cancelled'));
END
