-- Texts for people are stored as a code + arguments (JSON) and rendered on read in the caller's language.
-- Sentences stored before this are mapped to their codes where the sentence is fixed; any other is kept under
-- `text.legacy` with the sentence as its argument.

ALTER TABLE work_orders ADD warranty_reason_code NVARCHAR(64) NOT NULL CONSTRAINT df_work_orders_warranty_reason_code DEFAULT 'text.legacy';
ALTER TABLE work_orders ADD warranty_reason_args NVARCHAR(2000) NULL;
GO
UPDATE work_orders SET
    warranty_reason_code = CASE
        WHEN warranty_reason = N'No purchase date on file: out of warranty unless a manager overrides with proof of purchase.' THEN 'warranty.no-purchase-date'
        WHEN LEFT(warranty_reason, 18) = N'Manager override: ' THEN 'warranty.override'
        ELSE 'text.legacy' END,
    warranty_reason_args = CASE
        WHEN warranty_reason = N'No purchase date on file: out of warranty unless a manager overrides with proof of purchase.' THEN NULL
        WHEN LEFT(warranty_reason, 18) = N'Manager override: '
            THEN (SELECT SUBSTRING(warranty_reason, 19, 1000) AS reason FOR JSON PATH, WITHOUT_ARRAY_WRAPPER)
        ELSE (SELECT warranty_reason AS text FOR JSON PATH, WITHOUT_ARRAY_WRAPPER) END;
ALTER TABLE work_orders DROP COLUMN warranty_reason;

-- Events: the system's texts as code + arguments; `reason` keeps only people's own words (a cancel reason).
ALTER TABLE work_order_events ADD reason_code NVARCHAR(64) NULL;
ALTER TABLE work_order_events ADD reason_args NVARCHAR(2000) NULL;
GO
UPDATE work_order_events SET reason_code = 'event.rework-opened',
    reason_args = (SELECT SUBSTRING(reason, 14, 100) AS number FOR JSON PATH, WITHOUT_ARRAY_WRAPPER), reason = NULL
WHERE kind = 'ReworkOpened' AND LEFT(reason, 13) = N'Rework order ';
UPDATE work_order_events SET reason_code = 'event.rework-of',
    reason_args = (SELECT SUBSTRING(reason, 11, 100) AS number FOR JSON PATH, WITHOUT_ARRAY_WRAPPER), reason = NULL
WHERE kind = 'Created' AND LEFT(reason, 10) = N'Rework of ';
UPDATE work_order_events SET reason_code = 'event.urgent-inserted', reason = NULL
WHERE reason = N'Urgent: inserted into today''s plan';
UPDATE work_order_events SET reason_code = 'event.day-plan',
    reason_args = (SELECT SUBSTRING(reason, 10, 10) AS day FOR JSON PATH, WITHOUT_ARRAY_WRAPPER), reason = NULL
WHERE kind = 'Assign' AND LEFT(reason, 9) = N'Day plan ' AND LEN(reason) = 19;
UPDATE work_order_events SET reason_code = 'text.legacy',
    reason_args = (SELECT reason AS text FOR JSON PATH, WITHOUT_ARRAY_WRAPPER), reason = NULL
WHERE kind IN ('SlaBreached', 'UrgentNotInserted', 'PaymentReceived', 'AutoAssigned', 'Updated') AND reason IS NOT NULL;

-- Charge and settlement line descriptions: the system's as code + arguments; `description` keeps people's own words
-- (an adjustment) and the sentences stored before this.
ALTER TABLE work_order_charges ADD description_code NVARCHAR(64) NULL;
ALTER TABLE work_order_charges ADD description_args NVARCHAR(2000) NULL;
ALTER TABLE settlement_lines ADD description_code NVARCHAR(64) NULL;
ALTER TABLE settlement_lines ADD description_args NVARCHAR(2000) NULL;
GO
UPDATE work_order_charges SET description_code = 'charge.on-site-fee', description = N'' WHERE kind = 'OnSiteFee' AND description = N'On-site fee';
UPDATE settlement_lines SET description_code = 'charge.on-site-fee', description = N'' WHERE kind = 'OnSiteFee' AND description = N'On-site fee';

-- A day plan's reason for leaving a visit out: the optimiser's code + arguments (older plans keep their sentence).
ALTER TABLE dispatch_plan_stops ADD unserved_reason_code NVARCHAR(64) NULL;
ALTER TABLE dispatch_plan_stops ADD unserved_reason_args NVARCHAR(2000) NULL;

-- A complaint opened from a bad callback: its sentence as code + arguments; `description` keeps the customer's comment.
ALTER TABLE complaints ADD description_code NVARCHAR(64) NULL;
ALTER TABLE complaints ADD description_args NVARCHAR(2000) NULL;
GO
UPDATE complaints SET description_code = 'complaint.from-callback',
    description_args = (SELECT CAST(SUBSTRING(description, 23, 1) AS INT) AS satisfaction FOR JSON PATH, WITHOUT_ARRAY_WRAPPER), description = N''
WHERE source = 'Callback' AND LEFT(description, 22) = N'Callback satisfaction ' AND LEN(description) = 25;
UPDATE complaints SET description_code = 'complaint.from-callback-comment',
    description_args = (SELECT CAST(SUBSTRING(description, 23, 1) AS INT) AS satisfaction, SUBSTRING(description, 28, 2000) AS comment
                        FOR JSON PATH, WITHOUT_ARRAY_WRAPPER),
    description = SUBSTRING(description, 28, 2000)
WHERE source = 'Callback' AND LEFT(description, 22) = N'Callback satisfaction ' AND SUBSTRING(description, 26, 2) = N': ';
