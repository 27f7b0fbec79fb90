-- Manufacturers' statements (结算单, issue 15). A mapping names, per manufacturer, the header texts of its portal's
-- columns (JSON, replaced whole; `version` guards concurrent edits). A statement is one imported file (unique by its
-- SHA-256, so the same file twice is refused naming the first import); its lines keep what the manufacturer said,
-- money in fen. Reconciliation against our settlement lines is computed on read.
CREATE TABLE statement_mappings (
    manufacturer_id     UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES manufacturers(id),
    version             INT NOT NULL CHECK (version >= 1),
    body                NVARCHAR(MAX) NOT NULL,
    updated_by_user_id  UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    updated_at          DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE statements (
    id                  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    manufacturer_id     UNIQUEIDENTIFIER NOT NULL REFERENCES manufacturers(id),
    period              NVARCHAR(7) NOT NULL CHECK (LEN(period) = 7),
    sha256              CHAR(64) NOT NULL,
    file_name           NVARCHAR(200) NULL,
    format              NVARCHAR(8) NOT NULL CHECK (format IN ('Xlsx','Csv')),
    header_row          INT NOT NULL,
    line_count          INT NOT NULL,
    total_fen           BIGINT NOT NULL,
    imported_by_user_id UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    imported_at         DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT ux_statements_sha256 UNIQUE (sha256)
);
CREATE INDEX ix_statements_manufacturer ON statements (manufacturer_id, period);

-- A line is known by its statement and its row in the file (one index, written as the file is read).
CREATE TABLE statement_lines (
    statement_id               UNIQUEIDENTIFIER NOT NULL REFERENCES statements(id),
    row_number                 INT NOT NULL,
    work_order_number          NVARCHAR(64) NULL,
    manufacturer_order_number  NVARCHAR(64) NULL,
    serial_number              NVARCHAR(64) NULL,
    completed_on               DATE NULL,
    claimed_fen                BIGINT NULL,
    approved_fen               BIGINT NOT NULL,
    deduction_fen              BIGINT NULL,
    deduction_reason           NVARCHAR(500) NULL,
    status                     NVARCHAR(10) NOT NULL CHECK (status IN ('Approved','Rejected')),
    CONSTRAINT pk_statement_lines PRIMARY KEY (statement_id, row_number)
);
