-- Settlement runs (结算): one per manufacturer or installer partner per period (store-local calendar month).
-- A charge belongs to one run only: a charge's line has the charge's id as its primary key. Adjustments are new lines.
ALTER TABLE work_orders ADD COLUMN completed_period TEXT NULL;
CREATE INDEX ix_work_orders_completed_period ON work_orders (completed_period);
CREATE INDEX ix_appliances_manufacturer ON appliances (manufacturer_id);

CREATE TABLE settlement_runs (
    id                    TEXT PRIMARY KEY,
    manufacturer_id       TEXT NULL REFERENCES manufacturers(id),
    installer_partner_id  TEXT NULL REFERENCES installer_partners(id),
    period                TEXT NOT NULL CHECK (length(period) = 7),
    status                TEXT NOT NULL CHECK (status IN ('Draft','Submitted','Approved','Disputed','Paid')),
    total_fen             INTEGER NOT NULL DEFAULT 0,
    line_count            INTEGER NOT NULL DEFAULT 0,
    paid_on               TEXT NULL,
    paid_reference        TEXT NULL,
    created_by_user_id    TEXT NOT NULL REFERENCES users(id),
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CHECK ((manufacturer_id IS NULL) <> (installer_partner_id IS NULL))
);
CREATE UNIQUE INDEX ux_settlement_runs_manufacturer ON settlement_runs (manufacturer_id, period) WHERE manufacturer_id IS NOT NULL;
CREATE UNIQUE INDEX ux_settlement_runs_partner ON settlement_runs (installer_partner_id, period) WHERE installer_partner_id IS NOT NULL;
CREATE INDEX ix_settlement_runs_period ON settlement_runs (period, status);

CREATE TABLE settlement_lines (
    id               TEXT PRIMARY KEY,
    run_id           TEXT NOT NULL REFERENCES settlement_runs(id),
    work_order_id    TEXT NULL REFERENCES work_orders(id),
    kind             TEXT NOT NULL,
    description      TEXT NOT NULL,
    amount_fen       INTEGER NOT NULL,
    disputed         INTEGER NOT NULL DEFAULT 0 CHECK (disputed IN (0, 1)),
    dispute_reason   TEXT NULL,
    adjusts_line_id  TEXT NULL REFERENCES settlement_lines(id),
    created_at       TEXT NOT NULL
);
CREATE INDEX ix_settlement_lines_run ON settlement_lines (run_id, id);

CREATE TABLE settlement_events (
    id             TEXT PRIMARY KEY,
    run_id         TEXT NOT NULL REFERENCES settlement_runs(id),
    at             TEXT NOT NULL,
    actor_user_id  TEXT NOT NULL REFERENCES users(id),
    actor          TEXT NOT NULL,
    kind           TEXT NOT NULL,
    from_status    TEXT NULL,
    to_status      TEXT NULL,
    reason         TEXT NULL
);
CREATE INDEX ix_settlement_events_run ON settlement_events (run_id, at);
