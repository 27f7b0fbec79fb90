-- The customer's no-login page and the appliance's QR sticker (issue 19): a link is a random token (256 bits) of which
-- only the SHA-256 is kept; it opens one order or one appliance, until it expires or the desk revokes it.
-- An appliance link also carries the latest SMS code (its hash, valid 10 minutes) and the wrong tries that lock it.
CREATE TABLE public_links (
    id                  TEXT PRIMARY KEY,
    token_hash          TEXT NOT NULL UNIQUE,
    kind                TEXT NOT NULL CHECK (kind IN ('Order','Appliance')),
    store_id            TEXT NOT NULL REFERENCES stores(id),
    work_order_id       TEXT NULL REFERENCES work_orders(id),
    appliance_id        TEXT NULL REFERENCES appliances(id),
    created_by_user_id  TEXT NOT NULL REFERENCES users(id),
    created_at          TEXT NOT NULL,
    expires_at          TEXT NOT NULL,
    revoked_at          TEXT NULL,
    code_hash           TEXT NULL,
    code_expires_at     TEXT NULL,
    failed_codes        INTEGER NOT NULL DEFAULT 0,
    locked_until        TEXT NULL,
    CHECK ((kind = 'Order' AND work_order_id IS NOT NULL AND appliance_id IS NULL)
        OR (kind = 'Appliance' AND appliance_id IS NOT NULL AND work_order_id IS NULL))
);
CREATE INDEX ix_public_links_order ON public_links (work_order_id);
CREATE INDEX ix_public_links_appliance ON public_links (appliance_id);
