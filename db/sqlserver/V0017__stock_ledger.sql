-- Parts stock as a ledger (issue 16). A location is a store or warehouse (its id is the store's id) or a technician's
-- van (its id is the technician's id); location ids carry no foreign key because they point at either table.
-- Every movement is a row of stock_movements, never changed; qty is signed (+ in, - out).
CREATE TABLE stock_movements (
    id                UNIQUEIDENTIFIER NOT NULL PRIMARY KEY NONCLUSTERED,
    location_id       UNIQUEIDENTIFIER NOT NULL,
    part_id           UNIQUEIDENTIFIER NOT NULL REFERENCES parts(id),
    kind              NVARCHAR(16) NOT NULL CHECK (kind IN ('Opening','Receipt','TransferOut','TransferIn','IssueToJob','ReturnFromJob','Adjustment')),
    qty               INT NOT NULL CHECK (qty <> 0),
    unit_cost_fen     BIGINT NULL CHECK (unit_cost_fen >= 0),
    reason            NVARCHAR(200) NULL,
    reference         NVARCHAR(100) NULL,
    parts_request_id  UNIQUEIDENTIFIER NULL,
    work_order_id     UNIQUEIDENTIFIER NULL REFERENCES work_orders(id),
    actor_user_id     UNIQUEIDENTIFIER NULL,
    at                DATETIMEOFFSET(7) NOT NULL
);
CREATE CLUSTERED INDEX ix_stock_movements_location_part ON stock_movements (location_id, part_id, at);
CREATE INDEX ix_stock_movements_part ON stock_movements (part_id, at);

-- The running sum of the ledger per location and part, changed only in the transaction that appends the movement,
-- by a checked update that cannot go below zero. A row also holds the location's reorder point for the part.
CREATE TABLE stock_balances (
    location_id    UNIQUEIDENTIFIER NOT NULL,
    part_id        UNIQUEIDENTIFIER NOT NULL REFERENCES parts(id),
    on_hand        INT NOT NULL CHECK (on_hand >= 0),
    reorder_point  INT NULL CHECK (reorder_point >= 0),
    reorder_qty    INT NULL CHECK (reorder_qty > 0),
    updated_at     DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT pk_stock_balances PRIMARY KEY (location_id, part_id)
);
CREATE INDEX ix_stock_balances_part ON stock_balances (part_id);

-- A delivery received at a location; its reference (delivery note) is unique per location, so a repeat is answered
-- with the first receipt and moves nothing.
CREATE TABLE stock_receipts (
    id             UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    location_id    UNIQUEIDENTIFIER NOT NULL,
    reference      NVARCHAR(100) NOT NULL,
    actor_user_id  UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    at             DATETIMEOFFSET(7) NOT NULL
);
CREATE UNIQUE INDEX ux_stock_receipts_reference ON stock_receipts (location_id, reference);

-- Parts requests (备件申领): parts asked to move from a location (the warehouse) to another (a van or store).
CREATE TABLE parts_requests (
    id                 UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    from_location_id   UNIQUEIDENTIFIER NOT NULL,
    to_location_id     UNIQUEIDENTIFIER NOT NULL,
    from_store_id      UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    to_store_id        UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    work_order_id      UNIQUEIDENTIFIER NULL REFERENCES work_orders(id),
    status             NVARCHAR(16) NOT NULL CHECK (status IN ('Requested','Approved','Rejected','Shipped','Received')),
    note               NVARCHAR(500) NULL,
    requested_by       UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    requested_at       DATETIMEOFFSET(7) NOT NULL,
    decided_by         UNIQUEIDENTIFIER NULL REFERENCES users(id),
    decided_at         DATETIMEOFFSET(7) NULL,
    reject_reason      NVARCHAR(500) NULL,
    shipped_by         UNIQUEIDENTIFIER NULL REFERENCES users(id),
    shipped_at         DATETIMEOFFSET(7) NULL,
    expected_on        DATE NULL,
    received_by        UNIQUEIDENTIFIER NULL REFERENCES users(id),
    received_at        DATETIMEOFFSET(7) NULL,
    version            INT NOT NULL DEFAULT 1,
    CHECK (from_location_id <> to_location_id)
);
CREATE INDEX ix_parts_requests_from ON parts_requests (from_store_id, requested_at);
CREATE INDEX ix_parts_requests_to ON parts_requests (to_store_id, requested_at);
CREATE INDEX ix_parts_requests_order ON parts_requests (work_order_id);
CREATE INDEX ix_parts_requests_from_location ON parts_requests (from_location_id, status);
CREATE INDEX ix_parts_requests_to_location ON parts_requests (to_location_id, status);

CREATE TABLE parts_request_lines (
    parts_request_id  UNIQUEIDENTIFIER NOT NULL REFERENCES parts_requests(id),
    part_id           UNIQUEIDENTIFIER NOT NULL REFERENCES parts(id),
    qty               INT NOT NULL CHECK (qty BETWEEN 1 AND 10000),
    CONSTRAINT pk_parts_request_lines PRIMARY KEY (parts_request_id, part_id)
);

-- The per-store counts of V0006 become opening balances: one Opening movement per counted part (at the part's cost)
-- and a balance row for every counted part, 0 included (the store keeps it).
INSERT INTO stock_movements (id, location_id, part_id, kind, qty, unit_cost_fen, reason, at)
SELECT NEWID(), s.store_id, s.part_id, 'Opening', s.quantity, p.cost_fen, 'part_stock', s.updated_at
FROM part_stock s JOIN parts p ON p.id = s.part_id
WHERE s.quantity > 0;
INSERT INTO stock_balances (location_id, part_id, on_hand, updated_at)
SELECT store_id, part_id, quantity, updated_at FROM part_stock;
DROP TABLE part_stock;
