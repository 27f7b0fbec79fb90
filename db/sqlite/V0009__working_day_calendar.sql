-- The working-day calendar (issue 13): China's public holidays and make-up working days (调休), per year, as data.
-- A year is "known" when it has a calendar_years row; a day of a known year is a working day when it is a listed
-- Workday, not when it is a listed Holiday, else Monday–Friday. A year without a row falls back to Monday–Friday
-- (and /health/ready says so). Admins replace a year through PUT /api/v1/calendar/{year}; version is its ETag.
CREATE TABLE calendar_years (
    year                INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    version             INTEGER NOT NULL,
    source              TEXT NULL,
    updated_by_user_id  TEXT NULL REFERENCES users(id),
    updated_at          TEXT NULL
);
CREATE TABLE calendar_days (
    day   TEXT PRIMARY KEY,
    year  INTEGER NOT NULL REFERENCES calendar_years(year),
    kind  TEXT NOT NULL CHECK (kind IN ('Holiday','Workday'))
);
CREATE INDEX ix_calendar_days_year ON calendar_days (year);

-- Seeded from the State Council's notices (国务院办公厅关于…部分节假日安排的通知), checked against the published text.
-- Holidays list every day off of a holiday span, weekends included; Workdays are the make-up Saturdays/Sundays.
-- 2027: no notice found when this was written, so no data: the service falls back to Monday–Friday until an admin
-- enters it (PUT /api/v1/calendar/2027).
-- 2025: 国办发明电〔2024〕12号《国务院办公厅关于2025年部分节假日安排的通知》(2024-11-12), https://m.gmw.cn/2024-11/12/content_1303894933.htm (新华社)
INSERT INTO calendar_years (year, version, source) VALUES (2025, 1, '国办发明电〔2024〕12号《国务院办公厅关于2025年部分节假日安排的通知》(2024-11-12), https://m.gmw.cn/2024-11/12/content_1303894933.htm (新华社)');
INSERT INTO calendar_days (day, year, kind) VALUES
    ('2025-01-01', 2025, 'Holiday'),
    ('2025-01-26', 2025, 'Workday'),
    ('2025-01-28', 2025, 'Holiday'),
    ('2025-01-29', 2025, 'Holiday'),
    ('2025-01-30', 2025, 'Holiday'),
    ('2025-01-31', 2025, 'Holiday'),
    ('2025-02-01', 2025, 'Holiday'),
    ('2025-02-02', 2025, 'Holiday'),
    ('2025-02-03', 2025, 'Holiday'),
    ('2025-02-04', 2025, 'Holiday'),
    ('2025-02-08', 2025, 'Workday'),
    ('2025-04-04', 2025, 'Holiday'),
    ('2025-04-05', 2025, 'Holiday'),
    ('2025-04-06', 2025, 'Holiday'),
    ('2025-04-27', 2025, 'Workday'),
    ('2025-05-01', 2025, 'Holiday'),
    ('2025-05-02', 2025, 'Holiday'),
    ('2025-05-03', 2025, 'Holiday'),
    ('2025-05-04', 2025, 'Holiday'),
    ('2025-05-05', 2025, 'Holiday'),
    ('2025-05-31', 2025, 'Holiday'),
    ('2025-06-01', 2025, 'Holiday'),
    ('2025-06-02', 2025, 'Holiday'),
    ('2025-09-28', 2025, 'Workday'),
    ('2025-10-01', 2025, 'Holiday'),
    ('2025-10-02', 2025, 'Holiday'),
    ('2025-10-03', 2025, 'Holiday'),
    ('2025-10-04', 2025, 'Holiday'),
    ('2025-10-05', 2025, 'Holiday'),
    ('2025-10-06', 2025, 'Holiday'),
    ('2025-10-07', 2025, 'Holiday'),
    ('2025-10-08', 2025, 'Holiday'),
    ('2025-10-11', 2025, 'Workday');

-- 2026: 《国务院办公厅关于2026年部分节假日安排的通知》(2025-11-04), https://politics.gmw.cn/2025-11/04/content_38391083.htm (新华社)
INSERT INTO calendar_years (year, version, source) VALUES (2026, 1, '《国务院办公厅关于2026年部分节假日安排的通知》(2025-11-04), https://politics.gmw.cn/2025-11/04/content_38391083.htm (新华社)');
INSERT INTO calendar_days (day, year, kind) VALUES
    ('2026-01-01', 2026, 'Holiday'),
    ('2026-01-02', 2026, 'Holiday'),
    ('2026-01-03', 2026, 'Holiday'),
    ('2026-01-04', 2026, 'Workday'),
    ('2026-02-14', 2026, 'Workday'),
    ('2026-02-15', 2026, 'Holiday'),
    ('2026-02-16', 2026, 'Holiday'),
    ('2026-02-17', 2026, 'Holiday'),
    ('2026-02-18', 2026, 'Holiday'),
    ('2026-02-19', 2026, 'Holiday'),
    ('2026-02-20', 2026, 'Holiday'),
    ('2026-02-21', 2026, 'Holiday'),
    ('2026-02-22', 2026, 'Holiday'),
    ('2026-02-23', 2026, 'Holiday'),
    ('2026-02-28', 2026, 'Workday'),
    ('2026-04-04', 2026, 'Holiday'),
    ('2026-04-05', 2026, 'Holiday'),
    ('2026-04-06', 2026, 'Holiday'),
    ('2026-05-01', 2026, 'Holiday'),
    ('2026-05-02', 2026, 'Holiday'),
    ('2026-05-03', 2026, 'Holiday'),
    ('2026-05-04', 2026, 'Holiday'),
    ('2026-05-05', 2026, 'Holiday'),
    ('2026-05-09', 2026, 'Workday'),
    ('2026-06-19', 2026, 'Holiday'),
    ('2026-06-20', 2026, 'Holiday'),
    ('2026-06-21', 2026, 'Holiday'),
    ('2026-09-20', 2026, 'Workday'),
    ('2026-09-25', 2026, 'Holiday'),
    ('2026-09-26', 2026, 'Holiday'),
    ('2026-09-27', 2026, 'Holiday'),
    ('2026-10-01', 2026, 'Holiday'),
    ('2026-10-02', 2026, 'Holiday'),
    ('2026-10-03', 2026, 'Holiday'),
    ('2026-10-04', 2026, 'Holiday'),
    ('2026-10-05', 2026, 'Holiday'),
    ('2026-10-06', 2026, 'Holiday'),
    ('2026-10-07', 2026, 'Holiday'),
    ('2026-10-10', 2026, 'Workday');

-- Sync tombstones take the time of the change from the row (the service's clock), not the database's clock: a
-- trigger reading 'now' disagreed with every other time the service writes (and with a test clock).
DROP TRIGGER trg_work_orders_tombstone;
CREATE TRIGGER trg_work_orders_tombstone AFTER UPDATE OF technician_id, status ON work_orders
WHEN OLD.technician_id IS NOT NULL AND OLD.status NOT IN ('Closed','Cancelled')
 AND (NEW.technician_id IS NULL OR NEW.technician_id <> OLD.technician_id OR NEW.status IN ('Closed','Cancelled'))
BEGIN
    UPDATE sync_clock SET value = value + 1 WHERE id = 1;
    INSERT INTO mobile_tombstones (sync_version, technician_id, work_order_id, created_at)
    VALUES ((SELECT value FROM sync_clock WHERE id = 1), OLD.technician_id, OLD.id, NEW.updated_at);
END;
