-- Technicians' pay (issue 18 part 2, docs/payroll.md): rule versions by start date, a second technician's share of a
-- job, and each store's month of pay lines. Lines of an approved month are never edited: what is found later becomes
-- an Adjustment line of the next open month (adjusts_period names the month it corrects). A line is known by its
-- technician, code and source (the job, complaint or old part it is for), which is how a month is compared with a recomputation.

-- A version holds from valid_from until the next version's valid_from (valid_to, set when the next one is created).
CREATE TABLE payroll_rules (
    id                  TEXT PRIMARY KEY,
    version             INTEGER NOT NULL UNIQUE,
    valid_from          TEXT NOT NULL UNIQUE,
    valid_to            TEXT NULL,
    created_by_user_id  TEXT NOT NULL REFERENCES users(id),
    created_at          TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_from < valid_to)
);

-- An amount per job; a null category, level or payer matches any (the most specific matching rate wins).
CREATE TABLE payroll_rule_rates (
    rule_id     TEXT NOT NULL REFERENCES payroll_rules(id),
    line_no     INTEGER NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('Repair','Installation','Maintenance')),
    category    TEXT NULL,
    level       TEXT NULL CHECK (level IN ('Minor','Major','PartReplacement')),
    payer       TEXT NULL CHECK (payer IN ('Manufacturer','Customer','Store')),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
    PRIMARY KEY (rule_id, line_no)
);

-- Bonuses and deductions by code; amounts are positive, a deduction is paid as its negative.
CREATE TABLE payroll_rule_items (
    rule_id     TEXT NOT NULL REFERENCES payroll_rules(id),
    kind        TEXT NOT NULL CHECK (kind IN ('Bonus','Deduction')),
    code        TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
    PRIMARY KEY (rule_id, code)
);

-- The second technician on a job and his share in percent; the lead technician (work_orders.technician_id) has the rest.
CREATE TABLE work_order_helpers (
    work_order_id       TEXT PRIMARY KEY REFERENCES work_orders(id),
    technician_id       TEXT NOT NULL REFERENCES technicians(id),
    share_percent       INTEGER NOT NULL CHECK (share_percent BETWEEN 1 AND 99),
    added_by_user_id    TEXT NOT NULL REFERENCES users(id),
    added_at            TEXT NOT NULL
);
CREATE INDEX ix_work_order_helpers_technician ON work_order_helpers (technician_id);

-- A store's month of pay: Calculated (recalculating replaces its lines) → Approved (frozen).
CREATE TABLE payroll_periods (
    store_id             TEXT NOT NULL REFERENCES stores(id),
    period               TEXT NOT NULL CHECK (length(period) = 7),
    status               TEXT NOT NULL CHECK (status IN ('Calculated','Approved')),
    calculated_at        TEXT NOT NULL,
    calculated_by_user_id TEXT NOT NULL REFERENCES users(id),
    approved_at          TEXT NULL,
    approved_by_user_id  TEXT NULL REFERENCES users(id),
    PRIMARY KEY (store_id, period)
);

CREATE TABLE payroll_lines (
    id              TEXT PRIMARY KEY,
    store_id        TEXT NOT NULL,
    period          TEXT NOT NULL,
    technician_id   TEXT NOT NULL REFERENCES technicians(id),
    work_order_id   TEXT NULL REFERENCES work_orders(id),
    code            TEXT NOT NULL,
    source_id       TEXT NOT NULL,
    text_code       TEXT NOT NULL,
    text_args       TEXT NULL,
    amount_fen      INTEGER NOT NULL,
    adjusts_period  TEXT NULL,
    adjusts_code    TEXT NULL,
    FOREIGN KEY (store_id, period) REFERENCES payroll_periods(store_id, period)
);
CREATE INDEX ix_payroll_lines_period ON payroll_lines (store_id, period, technician_id);
CREATE INDEX ix_payroll_lines_technician ON payroll_lines (technician_id, period);

-- A complaint resolved as upheld (the technician was at fault) costs him the UpheldComplaint deduction.
ALTER TABLE complaints ADD COLUMN upheld INTEGER NULL CHECK (upheld IN (0, 1));
