-- Indexes the chain's scale needs (bench/chain.sh, docs/benchmarks.md "Chain scale"): with 5,000,000 work orders over
-- 50 stores, a store's list (ListWorkOrders, newest first) walks one of these in list order and stops after a page,
-- instead of scanning ix_work_orders_created across every store.
CREATE INDEX ix_work_orders_store_status ON work_orders (store_id, status, created_at, id);
CREATE INDEX ix_work_orders_store ON work_orders (store_id, created_at, id);
