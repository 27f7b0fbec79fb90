-- What each completed order is worth, per party, priced once at completion (integer fen); and customer payments.
CREATE TABLE work_order_charges (
    id             UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    work_order_id  UNIQUEIDENTIFIER NOT NULL REFERENCES work_orders(id),
    party          NVARCHAR(16) NOT NULL CHECK (party IN ('Manufacturer','Customer','Partner','Store')),
    kind           NVARCHAR(32) NOT NULL,
    description    NVARCHAR(400) NOT NULL,
    amount_fen     BIGINT NOT NULL CHECK (amount_fen >= 0),
    created_at     DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_work_order_charges_order ON work_order_charges (work_order_id);
CREATE INDEX ix_work_order_charges_party ON work_order_charges (party, created_at);

CREATE TABLE work_order_payments (
    id                 UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    work_order_id      UNIQUEIDENTIFIER NOT NULL REFERENCES work_orders(id),
    amount_fen         BIGINT NOT NULL CHECK (amount_fen > 0),
    method             NVARCHAR(16) NOT NULL CHECK (method IN ('Cash','Card','WeChatPay','Alipay','BankTransfer')),
    reference          NVARCHAR(100) NULL,
    received_by_user_id UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    received_at        DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_work_order_payments_order ON work_order_payments (work_order_id);
