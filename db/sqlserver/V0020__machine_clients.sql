-- Machine clients (issue 17): the store's POS/ERP and integration scripts. A client holds scopes, not a role; its
-- secret is shown once and stored hashed (SHA-256 of 256 random bits). Rotation bumps secret_version, which every
-- client token carries: tokens of an older secret, or of a revoked client, are refused on their next request.
CREATE TABLE api_clients (
    id                  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    name                NVARCHAR(100) NOT NULL,
    scopes              NVARCHAR(400) NOT NULL,
    store_id            UNIQUEIDENTIFIER NULL REFERENCES stores(id),
    secret_hash         NVARCHAR(128) NOT NULL,
    secret_version      INT NOT NULL DEFAULT 1,
    created_by_user_id  UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    created_at          DATETIMEOFFSET(7) NOT NULL,
    rotated_at          DATETIMEOFFSET(7) NULL,
    revoked_at          DATETIMEOFFSET(7) NULL,
    last_token_at       DATETIMEOFFSET(7) NULL
);
CREATE UNIQUE INDEX ux_api_clients_name ON api_clients (name);
