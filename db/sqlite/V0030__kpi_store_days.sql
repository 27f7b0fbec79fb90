-- KPIs by store and day (issue 18, docs/kpis.md "How the figures are kept"): one tally per store and store-local day of the
-- fact rows created or completed that day (counts, sums, per-minute histograms, technician-days), rebuilt by the drain
-- whenever it changes a fact row of that store-day. Unfiltered chain and store questions fold these instead of every fact.
CREATE TABLE kpi_store_days (
    store_id  TEXT NOT NULL REFERENCES stores(id),
    day       TEXT NOT NULL,
    tally     BLOB NOT NULL,
    PRIMARY KEY (store_id, day)
);
CREATE INDEX ix_kpi_store_days_day ON kpi_store_days (day);

-- The store-days of the facts there already are: the kpi-facts job builds them a round at a time (KpiStoreDays.BackfillAsync).
CREATE TABLE kpi_store_days_backfill (
    store_id  TEXT NOT NULL,
    day       TEXT NOT NULL,
    PRIMARY KEY (store_id, day)
);
INSERT INTO kpi_store_days_backfill (store_id, day)
SELECT store_id, created_day FROM kpi_order_facts
UNION SELECT store_id, completed_day FROM kpi_order_facts WHERE completed_day IS NOT NULL;
