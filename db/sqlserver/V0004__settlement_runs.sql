-- Settlement runs (结算): one per manufacturer or installer partner per period (store-local calendar month).
-- A charge belongs to one run only: a charge's line has the charge's id as its primary key. Adjustments are new lines.
ALTER TABLE work_orders ADD completed_period NVARCHAR(7) NULL;
GO
CREATE INDEX ix_work_orders_completed_period ON work_orders (completed_period);
CREATE INDEX ix_appliances_manufacturer ON appliances (manufacturer_id);

CREATE TABLE settlement_runs (
    id                    UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    manufacturer_id       UNIQUEIDENTIFIER NULL REFERENCES manufacturers(id),
    installer_partner_id  UNIQUEIDENTIFIER NULL REFERENCES installer_partners(id),
    period                NVARCHAR(7) NOT NULL CHECK (LEN(period) = 7),
    status                NVARCHAR(16) NOT NULL CHECK (status IN ('Draft','Submitted','Approved','Disputed','Paid')),
    total_fen             BIGINT NOT NULL DEFAULT 0,
    line_count            INT NOT NULL DEFAULT 0,
    paid_on               DATE NULL,
    paid_reference        NVARCHAR(100) NULL,
    created_by_user_id    UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    created_at            DATETIMEOFFSET(7) NOT NULL,
    updated_at            DATETIMEOFFSET(7) NOT NULL,
    CHECK ((manufacturer_id IS NULL AND installer_partner_id IS NOT NULL) OR (manufacturer_id IS NOT NULL AND installer_partner_id IS NULL))
);
CREATE UNIQUE INDEX ux_settlement_runs_manufacturer ON settlement_runs (manufacturer_id, period) WHERE manufacturer_id IS NOT NULL;
CREATE UNIQUE INDEX ux_settlement_runs_partner ON settlement_runs (installer_partner_id, period) WHERE installer_partner_id IS NOT NULL;
CREATE INDEX ix_settlement_runs_period ON settlement_runs (period, status);

CREATE TABLE settlement_lines (
    id               UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    run_id           UNIQUEIDENTIFIER NOT NULL REFERENCES settlement_runs(id),
    work_order_id    UNIQUEIDENTIFIER NULL REFERENCES work_orders(id),
    kind             NVARCHAR(32) NOT NULL,
    description      NVARCHAR(400) NOT NULL,
    amount_fen       BIGINT NOT NULL,
    disputed         BIT NOT NULL DEFAULT 0,
    dispute_reason   NVARCHAR(1000) NULL,
    adjusts_line_id  UNIQUEIDENTIFIER NULL REFERENCES settlement_lines(id),
    created_at       DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_settlement_lines_run ON settlement_lines (run_id, id);

CREATE TABLE settlement_events (
    id             UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    run_id         UNIQUEIDENTIFIER NOT NULL REFERENCES settlement_runs(id),
    at             DATETIMEOFFSET(7) NOT NULL,
    actor_user_id  UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    actor          NVARCHAR(64) NOT NULL,
    kind           NVARCHAR(32) NOT NULL,
    from_status    NVARCHAR(16) NULL,
    to_status      NVARCHAR(16) NULL,
    reason         NVARCHAR(1000) NULL
);
CREATE INDEX ix_settlement_events_run ON settlement_events (run_id, at);
