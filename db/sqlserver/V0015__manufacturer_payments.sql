-- Manufacturers' payments (issue 15): money received against imported statements. The bank reference is a natural key
-- per manufacturer (the same reference twice is the same payment). A payment is allocated to the statements it names,
-- oldest first, never beyond what each still owes; one allocation row per named statement (0 when older ones took it all).
CREATE TABLE manufacturer_payments (
    id                  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    manufacturer_id     UNIQUEIDENTIFIER NOT NULL REFERENCES manufacturers(id),
    amount_fen          BIGINT NOT NULL CHECK (amount_fen > 0),
    received_on         DATE NOT NULL,
    reference           NVARCHAR(100) NOT NULL,
    created_by_user_id  UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    created_at          DATETIMEOFFSET(7) NOT NULL
);
CREATE UNIQUE INDEX ux_manufacturer_payments_reference ON manufacturer_payments (manufacturer_id, reference);
CREATE INDEX ix_manufacturer_payments_created ON manufacturer_payments (created_at, id);

CREATE TABLE payment_allocations (
    payment_id    UNIQUEIDENTIFIER NOT NULL REFERENCES manufacturer_payments(id),
    statement_id  UNIQUEIDENTIFIER NOT NULL REFERENCES statements(id),
    amount_fen    BIGINT NOT NULL CHECK (amount_fen >= 0),
    CONSTRAINT pk_payment_allocations PRIMARY KEY (payment_id, statement_id)
);
CREATE INDEX ix_payment_allocations_statement ON payment_allocations (statement_id);
