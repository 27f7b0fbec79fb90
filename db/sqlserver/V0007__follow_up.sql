-- Follow-up (issue 5): callbacks (回访), complaints (投诉), SLA breaches, and the notification outbox. Scheduled work is
-- rows with a due time, swept by recurring jobs; a job claims a row with a conditional update or a unique key.

-- A callback is due on a store-local day. NoAnswer moves it to the next working day; the third miss is Unreachable.
CREATE TABLE callbacks (
    id                UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    store_id          UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    customer_id       UNIQUEIDENTIFIER NOT NULL REFERENCES customers(id),
    work_order_id     UNIQUEIDENTIFIER NULL REFERENCES work_orders(id),
    appliance_id      UNIQUEIDENTIFIER NULL REFERENCES appliances(id),
    kind              NVARCHAR(32) NOT NULL CHECK (kind IN ('AfterService','AfterInstallation','AfterInstallation30','Sales','Manufacturer')),
    due_on            DATE NOT NULL,
    status            NVARCHAR(32) NOT NULL CHECK (status IN ('Scheduled','NoAnswer','Done','Refused','Unreachable','Cancelled')),
    attempts          INT NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 3),
    satisfaction      INT NULL CHECK (satisfaction BETWEEN 1 AND 5),
    comment           NVARCHAR(2000) NULL,
    done_by_user_id   UNIQUEIDENTIFIER NULL REFERENCES users(id),
    done_at           DATETIMEOFFSET(7) NULL,
    version           INT NOT NULL DEFAULT 1,
    created_at        DATETIMEOFFSET(7) NOT NULL
);
-- One callback of a kind per order, and one sales follow-up per appliance: a repeated cause cannot double it.
CREATE UNIQUE INDEX ux_callbacks_order_kind ON callbacks (work_order_id, kind) WHERE work_order_id IS NOT NULL;
CREATE UNIQUE INDEX ux_callbacks_appliance_sales ON callbacks (appliance_id, kind) WHERE work_order_id IS NULL;
CREATE INDEX ix_callbacks_queue ON callbacks (store_id, status, due_on);

CREATE TABLE complaints (
    id                  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    store_id            UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    source              NVARCHAR(32) NOT NULL CHECK (source IN ('Phone','Callback','Manufacturer')),
    severity            NVARCHAR(32) NOT NULL CHECK (severity IN ('Low','Normal','High')),
    customer_id         UNIQUEIDENTIFIER NOT NULL REFERENCES customers(id),
    work_order_id       UNIQUEIDENTIFIER NULL REFERENCES work_orders(id),
    technician_id       UNIQUEIDENTIFIER NULL REFERENCES technicians(id),
    callback_id         UNIQUEIDENTIFIER NULL REFERENCES callbacks(id),
    description         NVARCHAR(2000) NOT NULL,
    status              NVARCHAR(32) NOT NULL CHECK (status IN ('Open','Assigned','Resolved','Closed')),
    owner_user_id       UNIQUEIDENTIFIER NULL REFERENCES users(id),
    resolution          NVARCHAR(2000) NULL,
    respond_by          DATETIMEOFFSET(7) NOT NULL,
    responded_at        DATETIMEOFFSET(7) NULL,
    resolved_at         DATETIMEOFFSET(7) NULL,
    closed_at           DATETIMEOFFSET(7) NULL,
    version             INT NOT NULL DEFAULT 1,
    created_by_user_id  UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    created_at          DATETIMEOFFSET(7) NOT NULL
);
CREATE UNIQUE INDEX ux_complaints_callback ON complaints (callback_id) WHERE callback_id IS NOT NULL;
CREATE INDEX ix_complaints_store ON complaints (store_id, status, created_at);

-- A breach is flagged once: the key is the order and the deadline.
CREATE TABLE sla_breaches (
    work_order_id  UNIQUEIDENTIFIER NOT NULL REFERENCES work_orders(id),
    deadline       NVARCHAR(32) NOT NULL CHECK (deadline IN ('Assign','OnSite','Complete')),
    due_at         DATETIMEOFFSET(7) NOT NULL,
    detected_at    DATETIMEOFFSET(7) NOT NULL,
    PRIMARY KEY (work_order_id, deadline)
);

-- Messages to customers and staff, written with their cause and delivered at least once by a job. The message id
-- is the Idempotency-Key the gateway sees, so a redelivery is recognised there.
CREATE TABLE outbox_messages (
    id               UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    store_id         UNIQUEIDENTIFIER NULL REFERENCES stores(id),
    template         NVARCHAR(200) NOT NULL,
    language         NVARCHAR(32) NOT NULL CHECK (language IN ('zh-CN','en')),
    recipient_kind   NVARCHAR(32) NOT NULL CHECK (recipient_kind IN ('Customer','User')),
    recipient        NVARCHAR(200) NOT NULL,
    body             NVARCHAR(2000) NOT NULL,
    work_order_id    UNIQUEIDENTIFIER NULL REFERENCES work_orders(id),
    status           NVARCHAR(32) NOT NULL CHECK (status IN ('Pending','Sent','Dead')),
    attempts         INT NOT NULL DEFAULT 0,
    next_attempt_at  DATETIMEOFFSET(7) NOT NULL,
    claimed_until    NVARCHAR(32) NULL,
    last_error       NVARCHAR(2000) NULL,
    sent_at          DATETIMEOFFSET(7) NULL,
    created_at       DATETIMEOFFSET(7) NOT NULL
);
CREATE INDEX ix_outbox_due ON outbox_messages (status, next_attempt_at);
