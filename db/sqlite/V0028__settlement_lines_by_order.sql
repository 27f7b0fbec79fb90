-- A settlement run writes a line per charge it takes into every index of settlement_lines. With a chain's month
-- (issue 16: about 400,000 claims, ten manufacturers whose orders interleave) each index written out of order costs
-- about as much as the lines themselves (docs/benchmarks.md, "Chain scale"):
-- * by work order: a collected line's id is its charge's id, so an order's collected lines are found through
--   work_order_charges; only lines made from other lines (a resubmission's copy, an adjustment, a statement's answer)
--   are indexed by order, and those are few;
-- * (run_id, id): ix_settlement_lines_run_store (run_id, store_id, amount_fen) serves every lookup by run;
-- * resubmits_line_id is NULL on every line but a resubmission's copy.
DROP INDEX ix_settlement_lines_work_order;
CREATE INDEX ix_settlement_lines_derived ON settlement_lines (work_order_id)
    WHERE resubmits_line_id IS NOT NULL OR adjusts_line_id IS NOT NULL OR statement_id IS NOT NULL;
DROP INDEX ix_settlement_lines_run;
DROP INDEX ix_settlement_lines_resubmits;
CREATE INDEX ix_settlement_lines_resubmits ON settlement_lines (resubmits_line_id) WHERE resubmits_line_id IS NOT NULL;
