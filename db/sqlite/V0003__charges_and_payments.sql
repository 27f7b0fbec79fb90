-- What each completed order is worth, per party, priced once at completion (integer fen); and customer payments.
CREATE TABLE work_order_charges (
    id             TEXT PRIMARY KEY,
    work_order_id  TEXT NOT NULL REFERENCES work_orders(id),
    party          TEXT NOT NULL CHECK (party IN ('Manufacturer','Customer','Partner','Store')),
    kind           TEXT NOT NULL,
    description    TEXT NOT NULL,
    amount_fen     INTEGER NOT NULL CHECK (amount_fen >= 0),
    created_at     TEXT NOT NULL
);
CREATE INDEX ix_work_order_charges_order ON work_order_charges (work_order_id);
CREATE INDEX ix_work_order_charges_party ON work_order_charges (party, created_at);

CREATE TABLE work_order_payments (
    id                 TEXT PRIMARY KEY,
    work_order_id      TEXT NOT NULL REFERENCES work_orders(id),
    amount_fen         INTEGER NOT NULL CHECK (amount_fen > 0),
    method             TEXT NOT NULL CHECK (method IN ('Cash','Card','WeChatPay','Alipay','BankTransfer')),
    reference          TEXT NULL,
    received_by_user_id TEXT NOT NULL REFERENCES users(id),
    received_at        TEXT NOT NULL
);
CREATE INDEX ix_work_order_payments_order ON work_order_payments (work_order_id);
