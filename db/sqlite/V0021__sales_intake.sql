-- Sales intake (issue 17): every sale at a till becomes the customer, the appliances with their invoice, the
-- installation orders and the sales follow-up callbacks. A sale number is unique in the chain (the tills prefix it
-- with the store): the same sale sent again is recognised by it, and concurrent resends collide on the key.
CREATE TABLE sales_orders (
    id                  TEXT PRIMARY KEY,
    sale_number         TEXT NOT NULL UNIQUE,
    store_id            TEXT NOT NULL REFERENCES stores(id),
    customer_id         TEXT NOT NULL REFERENCES customers(id),
    sold_at             TEXT NOT NULL,
    customer_name       TEXT NOT NULL,
    customer_phones     TEXT NOT NULL,
    client_id           TEXT NULL REFERENCES api_clients(id),
    created_by_user_id  TEXT NULL REFERENCES users(id),
    created_at          TEXT NOT NULL
);
CREATE INDEX ix_sales_orders_store ON sales_orders (store_id, sold_at);

-- A line as the till sent it (to tell a resend from a changed one), and what became of it at a return or exchange.
CREATE TABLE sales_order_lines (
    sales_order_id      TEXT NOT NULL REFERENCES sales_orders(id),
    line_no             INTEGER NOT NULL CHECK (line_no >= 1),
    category            TEXT NOT NULL CHECK (category IN ('Tv','Audio','AirConditioner','Refrigerator','WashingMachine','WaterHeater','RangeHood','GasStove','SmallAppliance')),
    manufacturer_id     TEXT NOT NULL REFERENCES manufacturers(id),
    model               TEXT NOT NULL,
    serial_number       TEXT NULL,
    qty                 INTEGER NOT NULL CHECK (qty >= 1),
    price_fen           INTEGER NOT NULL CHECK (price_fen >= 0),
    invoice_number      TEXT NOT NULL,
    needs_installation  INTEGER NULL CHECK (needs_installation IN (0, 1)),
    delivery_on         TEXT NULL,
    returned_kind       TEXT NULL CHECK (returned_kind IN ('Return','Exchange')),
    returned_on         TEXT NULL,
    new_serial_number   TEXT NULL,
    PRIMARY KEY (sales_order_id, line_no)
);

-- One row per unit sold: its appliance, installation order and callback, and its replacement after an exchange.
CREATE TABLE sales_order_units (
    sales_order_id            TEXT NOT NULL,
    line_no                   INTEGER NOT NULL,
    unit_no                   INTEGER NOT NULL,
    appliance_id              TEXT NOT NULL REFERENCES appliances(id),
    installation_order_id     TEXT NULL REFERENCES work_orders(id),
    callback_id               TEXT NULL REFERENCES callbacks(id),
    replacement_appliance_id  TEXT NULL REFERENCES appliances(id),
    PRIMARY KEY (sales_order_id, line_no, unit_no),
    FOREIGN KEY (sales_order_id, line_no) REFERENCES sales_order_lines(sales_order_id, line_no)
);

-- A returned or exchanged appliance leaves the registry but keeps its history; an exchanged one names its successor.
ALTER TABLE appliances ADD COLUMN left_registry_on TEXT NULL;
ALTER TABLE appliances ADD COLUMN replaced_by_id TEXT NULL REFERENCES appliances(id);
