-- A chain of stores (issue 16): a store is a shop or a parts warehouse, serves named districts (each district belongs
-- to at most one store, so routing a new order by district has one answer) and speaks a language; a technician may be
-- lent to another store for a range of the home store's local days. `version` is the store's ETag (edits need If-Match).
ALTER TABLE stores ADD COLUMN kind TEXT NOT NULL DEFAULT 'Store' CHECK (kind IN ('Store', 'Warehouse'));
ALTER TABLE stores ADD COLUMN language TEXT NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en'));
ALTER TABLE stores ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE store_districts (
    district  TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    store_id  TEXT NOT NULL REFERENCES stores(id)
) WITHOUT ROWID;
CREATE INDEX ix_store_districts_store ON store_districts (store_id);

CREATE TABLE technician_loans (
    id                  TEXT PRIMARY KEY,
    technician_id       TEXT NOT NULL REFERENCES technicians(id),
    to_store_id         TEXT NOT NULL REFERENCES stores(id),
    from_day            TEXT NOT NULL,
    to_day              TEXT NOT NULL,
    created_by_user_id  TEXT NOT NULL REFERENCES users(id),
    created_at          TEXT NOT NULL,
    ended_at            TEXT NULL,
    ended_by_user_id    TEXT NULL REFERENCES users(id),
    state               TEXT NOT NULL DEFAULT 'Active' CHECK (state IN ('Active', 'Cancelled')),
    CHECK (from_day <= to_day)
);
CREATE INDEX ix_technician_loans_technician ON technician_loans (technician_id, from_day);
CREATE INDEX ix_technician_loans_to_store ON technician_loans (to_store_id, from_day);
