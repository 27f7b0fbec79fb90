-- The claims a settlement run takes (docs/settlement.md, "Claims a run takes"): written in the run's transaction in key
-- order instead of rewriting each claim row; a claim with a row here is Claimed by that run. The claim-runs job folds
-- the rows into work_order_claims (state, run_id) in short transactions afterwards.
CREATE TABLE claim_runs (
    work_order_id  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY REFERENCES work_order_claims(work_order_id),
    run_id         UNIQUEIDENTIFIER NOT NULL REFERENCES settlement_runs(id)
);
