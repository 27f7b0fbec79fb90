-- Machine clients (issue 17): the store's POS/ERP and integration scripts. A client holds scopes, not a role; its
-- secret is shown once and stored hashed (SHA-256 of 256 random bits). Rotation bumps secret_version, which every
-- client token carries: tokens of an older secret, or of a revoked client, are refused on their next request.
CREATE TABLE api_clients (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE COLLATE NOCASE,
    scopes              TEXT NOT NULL,
    store_id            TEXT NULL REFERENCES stores(id),
    secret_hash         TEXT NOT NULL,
    secret_version      INTEGER NOT NULL DEFAULT 1,
    created_by_user_id  TEXT NOT NULL REFERENCES users(id),
    created_at          TEXT NOT NULL,
    rotated_at          TEXT NULL,
    revoked_at          TEXT NULL,
    last_token_at       TEXT NULL
);
