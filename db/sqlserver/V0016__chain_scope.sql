-- A chain of stores (issue 16): a store is a shop or a parts warehouse, serves named districts (each district belongs
-- to at most one store, so routing a new order by district has one answer) and speaks a language; a technician may be
-- lent to another store for a range of the home store's local days. `version` is the store's ETag (edits need If-Match).
ALTER TABLE stores ADD kind NVARCHAR(16) NOT NULL CONSTRAINT df_stores_kind DEFAULT 'Store' CONSTRAINT ck_stores_kind CHECK (kind IN ('Store', 'Warehouse'));
ALTER TABLE stores ADD language NVARCHAR(8) NOT NULL CONSTRAINT df_stores_language DEFAULT 'zh-CN' CONSTRAINT ck_stores_language CHECK (language IN ('zh-CN', 'en'));
ALTER TABLE stores ADD version INT NOT NULL CONSTRAINT df_stores_version DEFAULT 1;
GO

CREATE TABLE store_districts (
    district  NVARCHAR(100) NOT NULL PRIMARY KEY,
    store_id  UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id)
);
CREATE INDEX ix_store_districts_store ON store_districts (store_id);

CREATE TABLE technician_loans (
    id                  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    technician_id       UNIQUEIDENTIFIER NOT NULL REFERENCES technicians(id),
    to_store_id         UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    from_day            DATE NOT NULL,
    to_day              DATE NOT NULL,
    created_by_user_id  UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    created_at          DATETIMEOFFSET(7) NOT NULL,
    ended_at            DATETIMEOFFSET(7) NULL,
    ended_by_user_id    UNIQUEIDENTIFIER NULL REFERENCES users(id),
    state               NVARCHAR(16) NOT NULL CONSTRAINT df_technician_loans_state DEFAULT 'Active' CONSTRAINT ck_technician_loans_state CHECK (state IN ('Active', 'Cancelled')),
    CONSTRAINT ck_technician_loans_days CHECK (from_day <= to_day)
);
CREATE INDEX ix_technician_loans_technician ON technician_loans (technician_id, from_day);
CREATE INDEX ix_technician_loans_to_store ON technician_loans (to_store_id, from_day);
