-- Texts for people are stored as a code + arguments (JSON) and rendered on read in the caller's language.
-- Sentences stored before this are mapped to their codes where the sentence is fixed; any other is kept under
-- `text.legacy` with the sentence as its argument.

ALTER TABLE work_orders ADD COLUMN warranty_reason_code TEXT NOT NULL DEFAULT 'text.legacy';
ALTER TABLE work_orders ADD COLUMN warranty_reason_args TEXT NULL;
UPDATE work_orders SET
    warranty_reason_code = CASE
        WHEN warranty_reason = 'No purchase date on file: out of warranty unless a manager overrides with proof of purchase.' THEN 'warranty.no-purchase-date'
        WHEN substr(warranty_reason, 1, 18) = 'Manager override: ' THEN 'warranty.override'
        ELSE 'text.legacy' END,
    warranty_reason_args = CASE
        WHEN warranty_reason = 'No purchase date on file: out of warranty unless a manager overrides with proof of purchase.' THEN NULL
        WHEN substr(warranty_reason, 1, 18) = 'Manager override: ' THEN json_object('reason', substr(warranty_reason, 19))
        ELSE json_object('text', warranty_reason) END;
ALTER TABLE work_orders DROP COLUMN warranty_reason;

-- Events: the system's texts as code + arguments; `reason` keeps only people's own words (a cancel reason).
ALTER TABLE work_order_events ADD COLUMN reason_code TEXT NULL;
ALTER TABLE work_order_events ADD COLUMN reason_args TEXT NULL;
UPDATE work_order_events SET reason_code = 'event.rework-opened', reason_args = json_object('number', substr(reason, 14)), reason = NULL
WHERE kind = 'ReworkOpened' AND substr(reason, 1, 13) = 'Rework order ';
UPDATE work_order_events SET reason_code = 'event.rework-of', reason_args = json_object('number', substr(reason, 11)), reason = NULL
WHERE kind = 'Created' AND substr(reason, 1, 10) = 'Rework of ';
UPDATE work_order_events SET reason_code = 'event.urgent-inserted', reason = NULL
WHERE reason = 'Urgent: inserted into today''s plan';
UPDATE work_order_events SET reason_code = 'event.day-plan', reason_args = json_object('day', substr(reason, 10)), reason = NULL
WHERE kind = 'Assign' AND substr(reason, 1, 9) = 'Day plan ' AND length(reason) = 19;
UPDATE work_order_events SET reason_code = 'text.legacy', reason_args = json_object('text', reason), reason = NULL
WHERE kind IN ('SlaBreached', 'UrgentNotInserted', 'PaymentReceived', 'AutoAssigned', 'Updated') AND reason IS NOT NULL;

-- Charge and settlement line descriptions: the system's as code + arguments; `description` keeps people's own words
-- (an adjustment) and the sentences stored before this.
ALTER TABLE work_order_charges ADD COLUMN description_code TEXT NULL;
ALTER TABLE work_order_charges ADD COLUMN description_args TEXT NULL;
ALTER TABLE settlement_lines ADD COLUMN description_code TEXT NULL;
ALTER TABLE settlement_lines ADD COLUMN description_args TEXT NULL;
UPDATE work_order_charges SET description_code = 'charge.on-site-fee', description = '' WHERE kind = 'OnSiteFee' AND description = 'On-site fee';
UPDATE settlement_lines SET description_code = 'charge.on-site-fee', description = '' WHERE kind = 'OnSiteFee' AND description = 'On-site fee';

-- A day plan's reason for leaving a visit out: the optimiser's code + arguments (older plans keep their sentence).
ALTER TABLE dispatch_plan_stops ADD COLUMN unserved_reason_code TEXT NULL;
ALTER TABLE dispatch_plan_stops ADD COLUMN unserved_reason_args TEXT NULL;

-- A complaint opened from a bad callback: its sentence as code + arguments; `description` keeps the customer's comment.
ALTER TABLE complaints ADD COLUMN description_code TEXT NULL;
ALTER TABLE complaints ADD COLUMN description_args TEXT NULL;
UPDATE complaints SET description_code = 'complaint.from-callback',
    description_args = json_object('satisfaction', CAST(substr(description, 23, 1) AS INTEGER)), description = ''
WHERE source = 'Callback' AND substr(description, 1, 22) = 'Callback satisfaction ' AND length(description) = 25;
UPDATE complaints SET description_code = 'complaint.from-callback-comment',
    description_args = json_object('satisfaction', CAST(substr(description, 23, 1) AS INTEGER), 'comment', substr(description, 28)),
    description = substr(description, 28)
WHERE source = 'Callback' AND substr(description, 1, 22) = 'Callback satisfaction ' AND substr(description, 26, 2) = ': ';
