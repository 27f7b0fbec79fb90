-- Accepting a manufacturer's statement (issue 15): once, by one user (accepted_at is set only where it is still NULL).
-- Its answer is written as new settlement lines in the claim's own run (statement_id names the statement; history is
-- never edited) and as one settlement row per claim it answered. A rejected claim can be resubmitted: copies of its
-- lines go into the next run, each pointing at the line it resubmits.
ALTER TABLE statements ADD COLUMN accepted_at TEXT NULL;
ALTER TABLE statements ADD COLUMN accepted_by_user_id TEXT NULL REFERENCES users(id);

ALTER TABLE settlement_lines ADD COLUMN statement_id TEXT NULL REFERENCES statements(id);
ALTER TABLE settlement_lines ADD COLUMN resubmits_line_id TEXT NULL REFERENCES settlement_lines(id);
CREATE INDEX ix_settlement_lines_work_order ON settlement_lines (work_order_id, run_id);
CREATE INDEX ix_settlement_lines_resubmits ON settlement_lines (resubmits_line_id);

-- What an accepted statement decided for one of our claims. A claim is paid at most once: one row per work order whose
-- outcome is not Rejected (the filtered unique index decides, not a check in code).
CREATE TABLE claim_settlements (
    work_order_id   TEXT NOT NULL REFERENCES work_orders(id),
    statement_id    TEXT NOT NULL REFERENCES statements(id),
    row_number      INTEGER NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN ('Matched','AmountDiffers','Rejected')),
    claimed_fen     INTEGER NOT NULL,
    approved_fen    INTEGER NOT NULL,
    reason          TEXT NULL,
    reason_code     TEXT NULL,
    settled_at      TEXT NOT NULL,
    PRIMARY KEY (work_order_id, statement_id)
);
CREATE UNIQUE INDEX ux_claim_settlements_paid_once ON claim_settlements (work_order_id) WHERE outcome IN ('Matched','AmountDiffers');
CREATE INDEX ix_claim_settlements_statement ON claim_settlements (statement_id);

-- A rejected claim sent again: one per rejection (statement); run_id is the run that took it (NULL while queued).
CREATE TABLE claim_resubmissions (
    id              TEXT PRIMARY KEY,
    work_order_id   TEXT NOT NULL REFERENCES work_orders(id),
    statement_id    TEXT NOT NULL REFERENCES statements(id),
    note            TEXT NOT NULL,
    by_user_id      TEXT NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL,
    run_id          TEXT NULL REFERENCES settlement_runs(id),
    UNIQUE (work_order_id, statement_id)
);
CREATE INDEX ix_claim_resubmissions_queue ON claim_resubmissions (run_id, work_order_id);
