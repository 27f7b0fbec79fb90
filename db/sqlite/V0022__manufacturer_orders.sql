-- Manufacturer orders (厂家派单, issue 17): an order a brand sends keeps the brand's own order number, unique per
-- manufacturer (the appliance's brand, copied to the order so one index guards it: a repeat finds the first order).
ALTER TABLE work_orders ADD COLUMN external_manufacturer_id TEXT NULL REFERENCES manufacturers(id);
ALTER TABLE work_orders ADD COLUMN external_number TEXT NULL;
CREATE UNIQUE INDEX ux_work_orders_external ON work_orders (external_manufacturer_id, external_number) WHERE external_number IS NOT NULL;
-- The status export reads a brand's orders changed since a time.
CREATE INDEX ix_work_orders_external_updated ON work_orders (external_manufacturer_id, updated_at) WHERE external_number IS NOT NULL;

-- Per manufacturer: the header texts of its portal's order file, the cancel reason codes it accepts and the words its
-- portal uses for our statuses (JSON, replaced whole; `version` guards concurrent edits, like statement_mappings).
CREATE TABLE manufacturer_order_mappings (
    manufacturer_id     TEXT PRIMARY KEY REFERENCES manufacturers(id),
    version             INTEGER NOT NULL CHECK (version >= 1),
    body                TEXT NOT NULL,
    updated_by_user_id  TEXT NOT NULL REFERENCES users(id),
    updated_at          TEXT NOT NULL
);
