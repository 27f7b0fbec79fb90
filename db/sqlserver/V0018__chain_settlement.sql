-- Unified settlement (issue 16): a run of a manufacturer or installer partner covers every store of the chain, and each
-- line carries the store of its work order, so a run shows per-store subtotals and a store's finance sees its own lines.
-- NULL = a line of the chain as a whole (an adjustment of the run that names no line); only headquarters sees those.
ALTER TABLE settlement_lines ADD store_id UNIQUEIDENTIFIER NULL REFERENCES stores(id);
GO
UPDATE l SET store_id = wo.store_id
FROM settlement_lines l JOIN work_orders wo ON wo.id = l.work_order_id;

-- Per-store subtotals and a store's share of a run read this index alone.
CREATE INDEX ix_settlement_lines_run_store ON settlement_lines (run_id, store_id) INCLUDE (amount_fen);
