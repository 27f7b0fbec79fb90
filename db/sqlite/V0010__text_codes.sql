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
