-- Dispatch (issue 6): store-level travel settings and auto-dispatch, day plans and the route order they give.

-- Travel time = great-circle distance × road factor ÷ city speed, per store; auto-dispatch gives a new order to the
-- best candidate at once.
ALTER TABLE stores ADD COLUMN road_factor REAL NOT NULL DEFAULT 1.3 CHECK (road_factor BETWEEN 1.0 AND 3.0);
ALTER TABLE stores ADD COLUMN city_speed_kmh REAL NOT NULL DEFAULT 25 CHECK (city_speed_kmh BETWEEN 5 AND 120);
ALTER TABLE stores ADD COLUMN auto_dispatch INTEGER NOT NULL DEFAULT 0 CHECK (auto_dispatch IN (0, 1));

-- A plan for a store and day: computed by a job (progress visible; a run whose heartbeat stops is run again), then
-- applied by a manager. Applying a newer plan
-- of the same day supersedes the applied one.
CREATE TABLE dispatch_plans (
    id                  TEXT PRIMARY KEY,
    store_id            TEXT NOT NULL REFERENCES stores(id),
    day                 TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('Queued','Running','Ready','Failed','Applied','Superseded')),
    progress            REAL NOT NULL DEFAULT 0,
    phase               TEXT NULL,
    seconds_limit       INTEGER NOT NULL,
    served              INTEGER NULL,
    unserved            INTEGER NULL,
    travel_seconds      INTEGER NULL,
    error               TEXT NULL,
    created_by_user_id  TEXT NOT NULL REFERENCES users(id),
    created_at          TEXT NOT NULL,
    heartbeat_at        TEXT NULL,
    finished_at         TEXT NULL,
    applied_at          TEXT NULL
);
CREATE INDEX ix_dispatch_plans_store_day ON dispatch_plans (store_id, day, created_at);
CREATE UNIQUE INDEX ux_dispatch_plans_applied ON dispatch_plans (store_id, day) WHERE status = 'Applied';

-- A planned stop: a work order on a technician's route, or the reason it could not be planned.
CREATE TABLE dispatch_plan_stops (
    plan_id          TEXT NOT NULL REFERENCES dispatch_plans(id),
    work_order_id    TEXT NOT NULL REFERENCES work_orders(id),
    technician_id    TEXT NULL REFERENCES technicians(id),
    sequence         INTEGER NULL,
    arrival          TEXT NULL,
    service_start    TEXT NULL,
    service_end      TEXT NULL,
    unserved_reason  TEXT NULL,
    PRIMARY KEY (plan_id, work_order_id)
);

-- The route a technician follows today: set when a plan is applied or an urgent order is inserted.
ALTER TABLE work_orders ADD COLUMN route_sequence INTEGER NULL;
ALTER TABLE work_orders ADD COLUMN planned_arrival TEXT NULL;
