-- The customer's no-login page and the appliance's QR sticker (issue 19): a link is a random token (256 bits) of which
-- only the SHA-256 is kept; it opens one order or one appliance, until it expires or the desk revokes it.
-- An appliance link also carries the latest SMS code (its hash, valid 10 minutes) and the wrong tries that lock it.
CREATE TABLE public_links (
    id                  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    token_hash          NVARCHAR(64) NOT NULL UNIQUE,
    kind                NVARCHAR(16) NOT NULL CHECK (kind IN ('Order','Appliance')),
    store_id            UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    work_order_id       UNIQUEIDENTIFIER NULL REFERENCES work_orders(id),
    appliance_id        UNIQUEIDENTIFIER NULL REFERENCES appliances(id),
    created_by_user_id  UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    created_at          DATETIMEOFFSET(7) NOT NULL,
    expires_at          DATETIMEOFFSET(7) NOT NULL,
    revoked_at          DATETIMEOFFSET(7) NULL,
    code_hash           NVARCHAR(64) NULL,
    code_expires_at     DATETIMEOFFSET(7) NULL,
    failed_codes        INT NOT NULL DEFAULT 0,
    locked_until        DATETIMEOFFSET(7) NULL,
    CHECK ((kind = 'Order' AND work_order_id IS NOT NULL AND appliance_id IS NULL)
        OR (kind = 'Appliance' AND appliance_id IS NOT NULL AND work_order_id IS NULL))
);
CREATE INDEX ix_public_links_order ON public_links (work_order_id);
CREATE INDEX ix_public_links_appliance ON public_links (appliance_id);
