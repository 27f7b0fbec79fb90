-- Manufacturers' statements (结算单, issue 15). A mapping names, per manufacturer, the header texts of its portal's
-- columns (JSON, replaced whole; `version` guards concurrent edits). A statement is one imported file (unique by its
-- SHA-256, so the same file twice is refused naming the first import); its lines keep what the manufacturer said,
-- money in fen. Reconciliation against our settlement lines is computed on read.
CREATE TABLE statement_mappings (
    manufacturer_id     TEXT PRIMARY KEY REFERENCES manufacturers(id),
    version             INTEGER NOT NULL CHECK (version >= 1),
    body                TEXT NOT NULL,
    updated_by_user_id  TEXT NOT NULL REFERENCES users(id),
    updated_at          TEXT NOT NULL
);

CREATE TABLE statements (
    id                  TEXT PRIMARY KEY,
    manufacturer_id     TEXT NOT NULL REFERENCES manufacturers(id),
    period              TEXT NOT NULL CHECK (length(period) = 7),
    sha256              TEXT NOT NULL UNIQUE,
    file_name           TEXT NULL,
    format              TEXT NOT NULL CHECK (format IN ('Xlsx','Csv')),
    header_row          INTEGER NOT NULL,
    line_count          INTEGER NOT NULL,
    total_fen           INTEGER NOT NULL,
    imported_by_user_id TEXT NOT NULL REFERENCES users(id),
    imported_at         TEXT NOT NULL
);
CREATE INDEX ix_statements_manufacturer ON statements (manufacturer_id, period);

-- A line is known by its statement and its row in the file (one index, written as the file is read).
CREATE TABLE statement_lines (
    statement_id               TEXT NOT NULL REFERENCES statements(id),
    row_number                 INTEGER NOT NULL,
    work_order_number          TEXT NULL,
    manufacturer_order_number  TEXT NULL,
    serial_number              TEXT NULL,
    completed_on               TEXT NULL,
    claimed_fen                INTEGER NULL,
    approved_fen               INTEGER NOT NULL,
    deduction_fen              INTEGER NULL,
    deduction_reason           TEXT NULL,
    status                     TEXT NOT NULL CHECK (status IN ('Approved','Rejected')),
    PRIMARY KEY (statement_id, row_number)
) WITHOUT ROWID;
