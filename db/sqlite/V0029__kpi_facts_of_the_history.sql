-- V0024's triggers mark only orders written after it: a station that upgrades would have no KPI facts for its history.
-- Every order there already is marked once; the kpi-facts job works the marks off in rounds (KpiRefresh.DrainAsync).
INSERT INTO kpi_dirty (work_order_id)
SELECT id FROM work_orders WHERE id NOT IN (SELECT work_order_id FROM kpi_order_facts) ORDER BY created_at;
