-- Accepting a manufacturer's statement (issue 15): once, by one user (accepted_at is set only where it is still NULL).
-- Its answer is written as new settlement lines in the claim's own run (statement_id names the statement; history is
-- never edited) and as one settlement row per claim it answered. A rejected claim can be resubmitted: copies of its
-- lines go into the next run, each pointing at the line it resubmits.
ALTER TABLE statements ADD accepted_at DATETIMEOFFSET(7) NULL, accepted_by_user_id UNIQUEIDENTIFIER NULL REFERENCES users(id);

ALTER TABLE settlement_lines ADD statement_id UNIQUEIDENTIFIER NULL REFERENCES statements(id),
    resubmits_line_id UNIQUEIDENTIFIER NULL REFERENCES settlement_lines(id);
GO
CREATE INDEX ix_settlement_lines_work_order ON settlement_lines (work_order_id, run_id);
CREATE INDEX ix_settlement_lines_resubmits ON settlement_lines (resubmits_line_id);

-- What an accepted statement decided for one of our claims. A claim is paid at most once: one row per work order whose
-- outcome is not Rejected (the filtered unique index decides, not a check in code).
CREATE TABLE claim_settlements (
    work_order_id   UNIQUEIDENTIFIER NOT NULL REFERENCES work_orders(id),
    statement_id    UNIQUEIDENTIFIER NOT NULL REFERENCES statements(id),
    row_number      INT NOT NULL,
    outcome         NVARCHAR(16) NOT NULL CHECK (outcome IN ('Matched','AmountDiffers','Rejected')),
    claimed_fen     BIGINT NOT NULL,
    approved_fen    BIGINT NOT NULL,
    reason          NVARCHAR(500) NULL,
    reason_code     NVARCHAR(32) NULL,
    settled_at      DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT pk_claim_settlements PRIMARY KEY (work_order_id, statement_id)
);
CREATE UNIQUE INDEX ux_claim_settlements_paid_once ON claim_settlements (work_order_id) WHERE outcome IN ('Matched','AmountDiffers');
CREATE INDEX ix_claim_settlements_statement ON claim_settlements (statement_id);

-- A rejected claim sent again: one per rejection (statement); run_id is the run that took it (NULL while queued).
CREATE TABLE claim_resubmissions (
    id              UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    work_order_id   UNIQUEIDENTIFIER NOT NULL REFERENCES work_orders(id),
    statement_id    UNIQUEIDENTIFIER NOT NULL REFERENCES statements(id),
    note            NVARCHAR(1000) NOT NULL,
    by_user_id      UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    created_at      DATETIMEOFFSET(7) NOT NULL,
    run_id          UNIQUEIDENTIFIER NULL REFERENCES settlement_runs(id),
    CONSTRAINT ux_claim_resubmissions UNIQUE (work_order_id, statement_id)
);
CREATE INDEX ix_claim_resubmissions_queue ON claim_resubmissions (run_id, work_order_id);
