-- The claims a settlement run takes (docs/settlement.md, "Claims a run takes"): written in the run's transaction in key
-- order instead of rewriting each claim row; a claim with a row here is Claimed by that run. The claim-runs job folds
-- the rows into work_order_claims (state, run_id) in short transactions afterwards.
CREATE TABLE claim_runs (
    work_order_id  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES work_order_claims(work_order_id),
    run_id         UNIQUEIDENTIFIER NOT NULL REFERENCES settlement_runs(id)
);

-- The month of the claim's order's completion (work_orders.completed_period), set when the claim opens at completion:
-- a run picks the period's Ready claims from the claims alone instead of looking up every order.
ALTER TABLE work_order_claims ADD completed_period NVARCHAR(7) NULL;
GO
UPDATE work_order_claims SET completed_period = (SELECT wo.completed_period FROM work_orders wo WHERE wo.id = work_order_claims.work_order_id);
