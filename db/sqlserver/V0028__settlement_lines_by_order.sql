-- As SQLite's V0028: fewer indexes written per settlement line. A filtered index cannot hold SQLite's OR condition for
-- lines made from other lines, so the index by work order stays here (the queries that repeat the condition use it).
DROP INDEX ix_settlement_lines_run ON settlement_lines;
DROP INDEX ix_settlement_lines_resubmits ON settlement_lines;
CREATE INDEX ix_settlement_lines_resubmits ON settlement_lines (resubmits_line_id) WHERE resubmits_line_id IS NOT NULL;
