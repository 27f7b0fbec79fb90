-- Follow-up (issue 5): callbacks (回访), complaints (投诉), SLA breaches, and the notification outbox. Scheduled work is
-- rows with a due time, swept by recurring jobs; a job claims a row with a conditional update or a unique key.

-- A callback is due on a store-local day. NoAnswer moves it to the next working day; the third miss is Unreachable.
CREATE TABLE callbacks (
    id                TEXT PRIMARY KEY,
    store_id          TEXT NOT NULL REFERENCES stores(id),
    customer_id       TEXT NOT NULL REFERENCES customers(id),
    work_order_id     TEXT NULL REFERENCES work_orders(id),
    appliance_id      TEXT NULL REFERENCES appliances(id),
    kind              TEXT NOT NULL CHECK (kind IN ('AfterService','AfterInstallation','AfterInstallation30','Sales','Manufacturer')),
    due_on            TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('Scheduled','NoAnswer','Done','Refused','Unreachable','Cancelled')),
    attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 3),
    satisfaction      INTEGER NULL CHECK (satisfaction BETWEEN 1 AND 5),
    comment           TEXT NULL,
    done_by_user_id   TEXT NULL REFERENCES users(id),
    done_at           TEXT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL
);
-- One callback of a kind per order, and one sales follow-up per appliance: a repeated cause cannot double it.
CREATE UNIQUE INDEX ux_callbacks_order_kind ON callbacks (work_order_id, kind) WHERE work_order_id IS NOT NULL;
CREATE UNIQUE INDEX ux_callbacks_appliance_sales ON callbacks (appliance_id, kind) WHERE work_order_id IS NULL;
CREATE INDEX ix_callbacks_queue ON callbacks (store_id, status, due_on);

CREATE TABLE complaints (
    id                  TEXT PRIMARY KEY,
    store_id            TEXT NOT NULL REFERENCES stores(id),
    source              TEXT NOT NULL CHECK (source IN ('Phone','Callback','Manufacturer')),
    severity            TEXT NOT NULL CHECK (severity IN ('Low','Normal','High')),
    customer_id         TEXT NOT NULL REFERENCES customers(id),
    work_order_id       TEXT NULL REFERENCES work_orders(id),
    technician_id       TEXT NULL REFERENCES technicians(id),
    callback_id         TEXT NULL REFERENCES callbacks(id),
    description         TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('Open','Assigned','Resolved','Closed')),
    owner_user_id       TEXT NULL REFERENCES users(id),
    resolution          TEXT NULL,
    respond_by          TEXT NOT NULL,
    responded_at        TEXT NULL,
    resolved_at         TEXT NULL,
    closed_at           TEXT NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    created_by_user_id  TEXT NOT NULL REFERENCES users(id),
    created_at          TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_complaints_callback ON complaints (callback_id) WHERE callback_id IS NOT NULL;
CREATE INDEX ix_complaints_store ON complaints (store_id, status, created_at);

-- A breach is flagged once: the key is the order and the deadline.
CREATE TABLE sla_breaches (
    work_order_id  TEXT NOT NULL REFERENCES work_orders(id),
    deadline       TEXT NOT NULL CHECK (deadline IN ('Assign','OnSite','Complete')),
    due_at         TEXT NOT NULL,
    detected_at    TEXT NOT NULL,
    PRIMARY KEY (work_order_id, deadline)
);

-- Messages to customers and staff, written with their cause and delivered at least once by a job. The message id
-- is the Idempotency-Key the gateway sees, so a redelivery is recognised there.
CREATE TABLE outbox_messages (
    id               TEXT PRIMARY KEY,
    store_id         TEXT NULL REFERENCES stores(id),
    template         TEXT NOT NULL,
    language         TEXT NOT NULL CHECK (language IN ('zh-CN','en')),
    recipient_kind   TEXT NOT NULL CHECK (recipient_kind IN ('Customer','User')),
    recipient        TEXT NOT NULL,
    body             TEXT NOT NULL,
    work_order_id    TEXT NULL REFERENCES work_orders(id),
    status           TEXT NOT NULL CHECK (status IN ('Pending','Sent','Dead')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    claimed_until    TEXT NULL,
    last_error       TEXT NULL,
    sent_at          TEXT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX ix_outbox_due ON outbox_messages (status, next_attempt_at);
