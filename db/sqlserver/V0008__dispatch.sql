-- Dispatch (issue 6): store-level travel settings and auto-dispatch, day plans and the route order they give.

-- Travel time = great-circle distance × road factor ÷ city speed, per store; auto-dispatch gives a new order to the
-- best candidate at once.
ALTER TABLE stores ADD road_factor FLOAT NOT NULL CONSTRAINT df_stores_road_factor DEFAULT 1.3
    CONSTRAINT ck_stores_road_factor CHECK (road_factor BETWEEN 1.0 AND 3.0);
ALTER TABLE stores ADD city_speed_kmh FLOAT NOT NULL CONSTRAINT df_stores_city_speed DEFAULT 25
    CONSTRAINT ck_stores_city_speed CHECK (city_speed_kmh BETWEEN 5 AND 120);
ALTER TABLE stores ADD auto_dispatch BIT NOT NULL CONSTRAINT df_stores_auto_dispatch DEFAULT 0;

-- A plan for a store and day: computed by a job (progress visible; a run whose heartbeat stops is run again), then
-- applied by a manager. Applying a newer plan
-- of the same day supersedes the applied one.
CREATE TABLE dispatch_plans (
    id                  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    store_id            UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    day                 DATE NOT NULL,
    status              NVARCHAR(16) NOT NULL CHECK (status IN ('Queued','Running','Ready','Failed','Applied','Superseded')),
    progress            FLOAT NOT NULL DEFAULT 0,
    phase               NVARCHAR(100) NULL,
    seconds_limit       INT NOT NULL,
    served              INT NULL,
    unserved            INT NULL,
    travel_seconds      INT NULL,
    error               NVARCHAR(1000) NULL,
    created_by_user_id  UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    created_at          DATETIMEOFFSET(7) NOT NULL,
    heartbeat_at        DATETIMEOFFSET(7) NULL,
    finished_at         DATETIMEOFFSET(7) NULL,
    applied_at          DATETIMEOFFSET(7) NULL
);
CREATE INDEX ix_dispatch_plans_store_day ON dispatch_plans (store_id, day, created_at);
CREATE UNIQUE INDEX ux_dispatch_plans_applied ON dispatch_plans (store_id, day) WHERE status = 'Applied';

-- A planned stop: a work order on a technician's route, or the reason it could not be planned.
CREATE TABLE dispatch_plan_stops (
    plan_id          UNIQUEIDENTIFIER NOT NULL REFERENCES dispatch_plans(id),
    work_order_id    UNIQUEIDENTIFIER NOT NULL REFERENCES work_orders(id),
    technician_id    UNIQUEIDENTIFIER NULL REFERENCES technicians(id),
    sequence         INT NULL,
    arrival          DATETIMEOFFSET(7) NULL,
    service_start    DATETIMEOFFSET(7) NULL,
    service_end      DATETIMEOFFSET(7) NULL,
    unserved_reason  NVARCHAR(400) NULL,
    PRIMARY KEY (plan_id, work_order_id)
);

-- The route a technician follows today: set when a plan is applied or an urgent order is inserted.
ALTER TABLE work_orders ADD route_sequence INT NULL;
ALTER TABLE work_orders ADD planned_arrival DATETIMEOFFSET(7) NULL;
