-- Installer partners' management-fee rate (管理费比例) is versioned like contracts: a change is a new row from a
-- date, never an edit. A work order uses the rate valid on the store-local day it was created (the earliest rate if
-- the order predates the partner's first agreement). Rates are basis points in [2000, 3000] (0.20–0.30).
CREATE TABLE installer_partner_rates (
    installer_partner_id  UNIQUEIDENTIFIER NOT NULL REFERENCES installer_partners(id),
    valid_from            DATE NOT NULL,
    management_fee_bp     INT NOT NULL CHECK (management_fee_bp BETWEEN 2000 AND 3000),
    created_by_user_id    UNIQUEIDENTIFIER NULL REFERENCES users(id),
    created_at            DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (installer_partner_id, valid_from)
);

INSERT INTO installer_partner_rates (installer_partner_id, valid_from, management_fee_bp, created_by_user_id, created_at)
SELECT id, CAST(created_at AS DATE), management_fee_bp, NULL, created_at FROM installer_partners;

-- The column's CHECK constraint has a generated name; it has to go before the column can.
DECLARE @check SYSNAME = (SELECT name FROM sys.check_constraints
    WHERE parent_object_id = OBJECT_ID('installer_partners') AND COL_NAME(parent_object_id, parent_column_id) = 'management_fee_bp');
DECLARE @drop NVARCHAR(300) = N'ALTER TABLE installer_partners DROP CONSTRAINT ' + QUOTENAME(@check);
EXEC sp_executesql @drop;
ALTER TABLE installer_partners DROP COLUMN management_fee_bp;
