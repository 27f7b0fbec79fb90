-- KPIs (issue 18, docs/kpis.md): one fact row per work order, recomputed from the order's whole state whenever something
-- about the order changes (its events, callbacks, complaints, claims, old parts, a rework of it). Reports fold these
-- rows; percentiles stay exact because each row keeps its own minutes. Days are the store's local days.
CREATE TABLE kpi_order_facts (
    work_order_id       TEXT PRIMARY KEY REFERENCES work_orders(id),
    store_id            TEXT NOT NULL REFERENCES stores(id),
    technician_id       TEXT NULL REFERENCES technicians(id),
    manufacturer_id     TEXT NOT NULL REFERENCES manufacturers(id),
    category            TEXT NOT NULL,
    type                TEXT NOT NULL,
    created_day         TEXT NOT NULL,
    completed_day       TEXT NULL,
    assign_minutes      INTEGER NULL,
    on_site_minutes     INTEGER NULL,
    complete_minutes    INTEGER NULL,
    assign_met          INTEGER NULL,
    on_site_met         INTEGER NULL,
    complete_met        INTEGER NULL,
    second_visit        INTEGER NOT NULL,
    reworked            INTEGER NOT NULL,
    satisfaction        INTEGER NULL,
    complaints          INTEGER NOT NULL,
    service_minutes     INTEGER NOT NULL,
    shift_minutes       INTEGER NOT NULL,
    installation_management_fen INTEGER NOT NULL,
    manufacturer_repair_fen     INTEGER NOT NULL,
    manufacturer_installation_fen INTEGER NOT NULL,
    customer_repair_fen INTEGER NOT NULL,
    parts_fen           INTEGER NOT NULL,
    callback_fen        INTEGER NOT NULL,
    claim_first_pass    INTEGER NULL,
    old_parts_on_time   INTEGER NOT NULL,
    old_parts_late      INTEGER NOT NULL,
    old_parts_open      INTEGER NOT NULL,
    old_parts_open_due  TEXT NULL
);
CREATE INDEX ix_kpi_facts_store_created ON kpi_order_facts (store_id, created_day);
CREATE INDEX ix_kpi_facts_store_completed ON kpi_order_facts (store_id, completed_day);
CREATE INDEX ix_kpi_facts_created ON kpi_order_facts (created_day);
CREATE INDEX ix_kpi_facts_completed ON kpi_order_facts (completed_day);
CREATE INDEX ix_kpi_facts_technician ON kpi_order_facts (technician_id, completed_day);

-- Orders whose facts are out of date: a row is appended in the same transaction as the change; a drain recomputes the
-- orders and deletes the rows it has read (a change made during the drain appends a newer row, so it is not lost).
CREATE TABLE kpi_dirty (
    seq            INTEGER PRIMARY KEY,
    work_order_id  TEXT NOT NULL
);

-- The switch of docs/kpis.md: 0 stops the marking (the benchmark measures writes with and without it); the service
-- sets it at start from RepairDispatch:Kpis:Aggregate.
CREATE TABLE kpi_settings (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    aggregate  INTEGER NOT NULL CHECK (aggregate IN (0, 1))
);
INSERT INTO kpi_settings (id, aggregate) VALUES (1, 1);

-- Every write that can change an order's figures marks the order, in the writer's own transaction, whatever route
-- made it (the tables are the contract, not the handlers).
CREATE TRIGGER trg_kpi_work_orders_insert AFTER INSERT ON work_orders
WHEN (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) VALUES (NEW.id);
    INSERT INTO kpi_dirty (work_order_id) SELECT NEW.rework_of_id WHERE NEW.rework_of_id IS NOT NULL;
END;
CREATE TRIGGER trg_kpi_work_orders_update AFTER UPDATE OF store_id, type, status, appliance_id, technician_id, labour_minutes,
    customer_rating, assign_by, on_site_by, complete_by, completed_at, cancelled_at, installer_partner_id, rework_of_id ON work_orders
WHEN (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) VALUES (NEW.id);
END;
CREATE TRIGGER trg_kpi_events AFTER INSERT ON work_order_events
WHEN (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) VALUES (NEW.work_order_id);
END;
CREATE TRIGGER trg_kpi_callbacks AFTER UPDATE OF status, satisfaction ON callbacks
WHEN NEW.work_order_id IS NOT NULL AND (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) VALUES (NEW.work_order_id);
END;
CREATE TRIGGER trg_kpi_complaints_insert AFTER INSERT ON complaints
WHEN NEW.work_order_id IS NOT NULL AND (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) VALUES (NEW.work_order_id);
END;
CREATE TRIGGER trg_kpi_complaints_update AFTER UPDATE OF work_order_id ON complaints
WHEN (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) SELECT NEW.work_order_id WHERE NEW.work_order_id IS NOT NULL;
    INSERT INTO kpi_dirty (work_order_id) SELECT OLD.work_order_id WHERE OLD.work_order_id IS NOT NULL;
END;
CREATE TRIGGER trg_kpi_charges_insert AFTER INSERT ON work_order_charges
WHEN (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) VALUES (NEW.work_order_id);
END;
CREATE TRIGGER trg_kpi_charges_delete AFTER DELETE ON work_order_charges
WHEN (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) VALUES (OLD.work_order_id);
END;
CREATE TRIGGER trg_kpi_sla_breaches AFTER INSERT ON sla_breaches
WHEN (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) VALUES (NEW.work_order_id);
END;
CREATE TRIGGER trg_kpi_claim_settlements AFTER INSERT ON claim_settlements
WHEN (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) VALUES (NEW.work_order_id);
END;
CREATE TRIGGER trg_kpi_claim_resubmissions AFTER INSERT ON claim_resubmissions
WHEN (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) VALUES (NEW.work_order_id);
END;
CREATE TRIGGER trg_kpi_old_parts_insert AFTER INSERT ON old_parts
WHEN (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) VALUES (NEW.work_order_id);
END;
CREATE TRIGGER trg_kpi_old_parts_update AFTER UPDATE ON old_parts
WHEN (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) VALUES (NEW.work_order_id);
END;
CREATE TRIGGER trg_kpi_appliances AFTER UPDATE OF category, manufacturer_id ON appliances
WHEN (SELECT aggregate FROM kpi_settings WHERE id = 1) = 1
BEGIN
    INSERT INTO kpi_dirty (work_order_id) SELECT id FROM work_orders WHERE appliance_id = NEW.id;
END;
