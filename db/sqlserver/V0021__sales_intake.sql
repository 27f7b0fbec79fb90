-- Sales intake (issue 17): every sale at a till becomes the customer, the appliances with their invoice, the
-- installation orders and the sales follow-up callbacks. A sale number is unique in the chain (the tills prefix it
-- with the store): the same sale sent again is recognised by it, and concurrent resends collide on the key.
CREATE TABLE sales_orders (
    id                  UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    sale_number         NVARCHAR(64) NOT NULL,
    store_id            UNIQUEIDENTIFIER NOT NULL REFERENCES stores(id),
    customer_id         UNIQUEIDENTIFIER NOT NULL REFERENCES customers(id),
    sold_at             DATETIMEOFFSET(7) NOT NULL,
    customer_name       NVARCHAR(200) NOT NULL,
    customer_phones     NVARCHAR(200) NOT NULL,
    client_id           UNIQUEIDENTIFIER NULL REFERENCES api_clients(id),
    created_by_user_id  UNIQUEIDENTIFIER NULL REFERENCES users(id),
    created_at          DATETIMEOFFSET(7) NOT NULL
);
CREATE UNIQUE INDEX ux_sales_orders_number ON sales_orders (sale_number);
CREATE INDEX ix_sales_orders_store ON sales_orders (store_id, sold_at);

CREATE TABLE sales_order_lines (
    sales_order_id      UNIQUEIDENTIFIER NOT NULL REFERENCES sales_orders(id),
    line_no             INT NOT NULL CHECK (line_no >= 1),
    category            NVARCHAR(32) NOT NULL CHECK (category IN ('Tv','Audio','AirConditioner','Refrigerator','WashingMachine','WaterHeater','RangeHood','GasStove','SmallAppliance')),
    manufacturer_id     UNIQUEIDENTIFIER NOT NULL REFERENCES manufacturers(id),
    model               NVARCHAR(100) NOT NULL,
    serial_number       NVARCHAR(100) NULL,
    qty                 INT NOT NULL CHECK (qty >= 1),
    price_fen           BIGINT NOT NULL CHECK (price_fen >= 0),
    invoice_number      NVARCHAR(100) NOT NULL,
    needs_installation  BIT NULL,
    delivery_on         DATE NULL,
    returned_kind       NVARCHAR(16) NULL CHECK (returned_kind IN ('Return','Exchange')),
    returned_on         DATE NULL,
    new_serial_number   NVARCHAR(100) NULL,
    PRIMARY KEY (sales_order_id, line_no)
);

CREATE TABLE sales_order_units (
    sales_order_id            UNIQUEIDENTIFIER NOT NULL,
    line_no                   INT NOT NULL,
    unit_no                   INT NOT NULL,
    appliance_id              UNIQUEIDENTIFIER NOT NULL REFERENCES appliances(id),
    installation_order_id     UNIQUEIDENTIFIER NULL REFERENCES work_orders(id),
    callback_id               UNIQUEIDENTIFIER NULL REFERENCES callbacks(id),
    replacement_appliance_id  UNIQUEIDENTIFIER NULL REFERENCES appliances(id),
    PRIMARY KEY (sales_order_id, line_no, unit_no),
    FOREIGN KEY (sales_order_id, line_no) REFERENCES sales_order_lines(sales_order_id, line_no)
);

ALTER TABLE appliances ADD left_registry_on DATE NULL, replaced_by_id UNIQUEIDENTIFIER NULL REFERENCES appliances(id);
