-- Installer partners' management-fee rate (管理费比例) is versioned like contracts: a change is a new row from a
-- date, never an edit. A work order uses the rate valid on the store-local day it was created (the earliest rate if
-- the order predates the partner's first agreement). Rates are basis points in [2000, 3000] (0.20–0.30).
CREATE TABLE installer_partner_rates (
    installer_partner_id  TEXT NOT NULL REFERENCES installer_partners(id),
    valid_from            TEXT NOT NULL,
    management_fee_bp     INTEGER NOT NULL CHECK (management_fee_bp BETWEEN 2000 AND 3000),
    created_by_user_id    TEXT NULL REFERENCES users(id),
    created_at            TEXT NOT NULL,
    PRIMARY KEY (installer_partner_id, valid_from)
);

INSERT INTO installer_partner_rates (installer_partner_id, valid_from, management_fee_bp, created_by_user_id, created_at)
SELECT id, substr(created_at, 1, 10), management_fee_bp, NULL, created_at FROM installer_partners;

ALTER TABLE installer_partners DROP COLUMN management_fee_bp;
