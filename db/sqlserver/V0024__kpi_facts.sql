-- KPIs (issue 18, docs/kpis.md): one fact row per work order, recomputed from the order's whole state whenever something
-- about the order changes (its events, callbacks, complaints, claims, old parts, a rework of it). Reports fold these
-- rows; percentiles stay exact because each row keeps its own minutes. Days are the store's local days.
CREATE TABLE kpi_order_facts (
    work_order_id       UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES work_orders(id),
    store_id UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    technician_id UNIQUEIDENTIFIER NULL REFERENCES technicians(id),
    manufacturer_id UNIQUEIDENTIFIER NOT NULL REFERENCES manufacturers(id),
    category NVARCHAR(32) NOT NULL,
    type NVARCHAR(16) NOT NULL,
    created_day DATE NOT NULL,
    completed_day DATE NULL,
    assign_minutes      INT NULL,
    on_site_minutes     INT NULL,
    complete_minutes    INT NULL,
    assign_met          INT NULL,
    on_site_met         INT NULL,
    complete_met        INT NULL,
    second_visit        INT NOT NULL,
    reworked            INT NOT NULL,
    satisfaction        INT NULL,
    complaints          INT NOT NULL,
    service_minutes     INT NOT NULL,
    shift_minutes       INT NOT NULL,
    installation_management_fen BIGINT NOT NULL,
    manufacturer_repair_fen     BIGINT NOT NULL,
    manufacturer_installation_fen BIGINT NOT NULL,
    customer_repair_fen BIGINT NOT NULL,
    parts_fen           BIGINT NOT NULL,
    callback_fen        BIGINT NOT NULL,
    claim_first_pass    INT NULL,
    old_parts_on_time   INT NOT NULL,
    old_parts_late      INT NOT NULL,
    old_parts_open      INT NOT NULL,
    old_parts_open_due DATE NULL
);
CREATE INDEX ix_kpi_facts_store_created ON kpi_order_facts (store_id, created_day);
CREATE INDEX ix_kpi_facts_store_completed ON kpi_order_facts (store_id, completed_day);
CREATE INDEX ix_kpi_facts_created ON kpi_order_facts (created_day);
CREATE INDEX ix_kpi_facts_completed ON kpi_order_facts (completed_day);
CREATE INDEX ix_kpi_facts_technician ON kpi_order_facts (technician_id, completed_day);

-- Orders whose facts are out of date: a row is appended in the same transaction as the change; a drain recomputes the
-- orders and deletes the rows it has read (a change made during the drain appends a newer row, so it is not lost).
CREATE TABLE kpi_dirty (
    seq BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    work_order_id  UNIQUEIDENTIFIER NOT NULL
);

CREATE TABLE kpi_settings (
    id         INT NOT NULL PRIMARY KEY CHECK (id = 1),
    aggregate  INT NOT NULL CHECK (aggregate IN (0, 1))
);
INSERT INTO kpi_settings (id, aggregate) VALUES (1, 1);
GO

-- Every write that can change an order's figures marks the order, in the writer's own transaction, whatever route
-- made it (the tables are the contract, not the handlers).
CREATE TRIGGER trg_kpi_work_orders ON work_orders AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM kpi_settings WHERE id = 1 AND aggregate = 1)
        INSERT INTO kpi_dirty (work_order_id) SELECT id FROM inserted UNION ALL SELECT rework_of_id FROM inserted WHERE rework_of_id IS NOT NULL;
END
GO

CREATE TRIGGER trg_kpi_events ON work_order_events AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM kpi_settings WHERE id = 1 AND aggregate = 1)
        INSERT INTO kpi_dirty (work_order_id) SELECT work_order_id FROM inserted;
END
GO

CREATE TRIGGER trg_kpi_callbacks ON callbacks AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM kpi_settings WHERE id = 1 AND aggregate = 1)
        INSERT INTO kpi_dirty (work_order_id) SELECT work_order_id FROM inserted WHERE work_order_id IS NOT NULL;
END
GO

CREATE TRIGGER trg_kpi_complaints ON complaints AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM kpi_settings WHERE id = 1 AND aggregate = 1)
        INSERT INTO kpi_dirty (work_order_id) SELECT work_order_id FROM inserted WHERE work_order_id IS NOT NULL UNION ALL SELECT work_order_id FROM deleted WHERE work_order_id IS NOT NULL;
END
GO

CREATE TRIGGER trg_kpi_charges ON work_order_charges AFTER INSERT, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM kpi_settings WHERE id = 1 AND aggregate = 1)
        INSERT INTO kpi_dirty (work_order_id) SELECT work_order_id FROM inserted UNION ALL SELECT work_order_id FROM deleted;
END
GO

CREATE TRIGGER trg_kpi_sla_breaches ON sla_breaches AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM kpi_settings WHERE id = 1 AND aggregate = 1)
        INSERT INTO kpi_dirty (work_order_id) SELECT work_order_id FROM inserted;
END
GO

CREATE TRIGGER trg_kpi_claim_settlements ON claim_settlements AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM kpi_settings WHERE id = 1 AND aggregate = 1)
        INSERT INTO kpi_dirty (work_order_id) SELECT work_order_id FROM inserted;
END
GO

CREATE TRIGGER trg_kpi_claim_resubmissions ON claim_resubmissions AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM kpi_settings WHERE id = 1 AND aggregate = 1)
        INSERT INTO kpi_dirty (work_order_id) SELECT work_order_id FROM inserted;
END
GO

CREATE TRIGGER trg_kpi_old_parts ON old_parts AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM kpi_settings WHERE id = 1 AND aggregate = 1)
        INSERT INTO kpi_dirty (work_order_id) SELECT work_order_id FROM inserted;
END
GO

CREATE TRIGGER trg_kpi_appliances ON appliances AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM kpi_settings WHERE id = 1 AND aggregate = 1)
        INSERT INTO kpi_dirty (work_order_id) SELECT wo.id FROM work_orders wo JOIN inserted i ON i.id = wo.appliance_id JOIN deleted d ON d.id = i.id WHERE i.category <> d.category OR i.manufacturer_id <> d.manufacturer_id;
END
GO
