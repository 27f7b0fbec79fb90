using RepairDispatch.Tests.Infrastructure.SqlBinding;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>The binder behind <see cref="SqlServerScriptTests"/> finds wrong names and lets right ones pass.</summary>
public class TSqlBinderTests
{
    private static SqlSchema Schema()
    {
        var schema = new SqlSchema();
        schema.Add("customers", ["id", "name", "created_at"]);
        schema.Add("orders", ["id", "customer_id", "status", "version", "created_at"]);
        schema.Add("counters", ["store_id", "day", "last_number"]);
        return schema;
    }

    public static TheoryData<string, string> Wrong() => new()
    {
        { "SELECT id FROM nope", "no table 'nope' in the schema" },
        { "SELECT colour FROM orders", "column 'colour' belongs to none of the tables in scope (orders)" },
        { "SELECT o.id, c.name FROM orders o", "'c.name': no table or alias 'c' in scope (o)" },
        { "SELECT o.name FROM orders o JOIN customers c ON c.id = o.customer_id", "'o.name': table orders has no column 'name'" },
        { "SELECT orders.id FROM orders o", "no table or alias 'orders'" },
        { "SELECT id FROM orders o JOIN customers c ON c.id = o.customer_id", "'id' is ambiguous" },
        { "SELECT o.id FROM orders o WHERE EXISTS (SELECT 1 FROM customers x WHERE x.nickname = 'a')", "table customers has no column 'nickname'" },
        { "SELECT x.id FROM orders o WHERE EXISTS (SELECT 1 FROM customers x WHERE x.id = o.customer_id)", "no table or alias 'x'" },
        { "SELECT d.total FROM (SELECT id FROM orders) d", "derived table d has no column 'total'" },
        { "SELECT 1 FROM orders o JOIN (SELECT id FROM customers c WHERE c.id = o.customer_id) d ON d.id = o.id", "no table or alias 'o'" },
        { "WITH recent AS (SELECT id FROM orders) SELECT status FROM recent", "column 'status' belongs to none" },
        { "INSERT INTO orders (id, colour) VALUES (@Id, @Colour)", "'colour': table orders has no column 'colour'" },
        { "INSERT INTO orders (id, status) VALUES (@Id)", "1 values for 2 columns" },
        { "INSERT INTO orders (id, status) SELECT id FROM customers", "the query gives 1 columns for 2" },
        { "UPDATE orders SET name = @Name WHERE id = @Id", "'name': table orders has no column 'name'" },
        { "UPDATE o SET status = 'x' FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.status = 'y'", "table customers has no column 'status'" },
        { "DELETE FROM orders OUTPUT deleted.colour WHERE id = @Id", "deleted (table orders) has no column 'colour'" },
        {
            "MERGE counters WITH (HOLDLOCK) AS t USING (SELECT @StoreId AS store_id, @Day AS day) AS s ON t.store_id = s.store_id AND t.day = s.day " +
            "WHEN MATCHED THEN UPDATE SET last_number = s.last_number + 1 WHEN NOT MATCHED THEN INSERT (store_id, day, last_number) VALUES (s.store_id, s.day, 1);",
            "'s.last_number': derived table s has no column 'last_number'"
        },
        { "UPDATE orders SET version = version + 1 OUTPUT inserted.versoin WHERE id = @Id", "inserted (table orders) has no column 'versoin'" },
        { "SELECT j.id FROM OPENJSON(@Ids) j", "OPENJSON has no column 'id'" },
        { "ALTER TABLE orders ADD status NVARCHAR(10) NULL", "table 'orders' already has a column 'status'" },
        { "ALTER TABLE shipments ADD weight INT NULL", "no table 'shipments'" },
        { "ALTER TABLE orders DROP COLUMN colour", "table 'orders' has no column 'colour'" },
        { "CREATE INDEX ix_orders_colour ON orders (colour)", "'colour': table orders has no column 'colour'" },
        { "CREATE UNIQUE INDEX ux_orders ON orders (id) WHERE colour IS NOT NULL", "column 'colour' belongs to none" },
        { "CREATE TABLE notes (id INT PRIMARY KEY, order_id INT REFERENCES orders(order_id))", "table orders has no column 'order_id'" },
        { "CREATE TABLE notes (id INT PRIMARY KEY, body NVARCHAR(10), CHECK (LEN(text) > 0))", "column 'text' belongs to none" },
        { "ALTER TABLE orders DROP COLUMN status;\nGO\nUPDATE orders SET version = 1 WHERE status = 'New'", "line 3: column 'status' belongs to none" },
        { "EXEC sp_rename 'orders.status', 'state', 'COLUMN';\nSELECT status FROM orders", "line 2: column 'status' belongs to none" },
        { "CREATE TRIGGER trg ON orders AFTER UPDATE AS BEGIN INSERT INTO counters (store_id, day, last_number) SELECT d.colour, 'x', 1 FROM deleted d END", "'d.colour'" },
        { "ALTER TRIGGER trg ON orders AFTER UPDATE AS BEGIN INSERT INTO counters (store_id, day, last_number) SELECT i.colour, 'x', 1 FROM inserted i END", "'i.colour'" },
        { "ALTER VIEW recent AS SELECT id FROM orders", "ALTER VIEW: no view 'recent'" },
        { "SELECT id FROM #recent", "no temporary table '#recent'" },
        { "ALTER TABLE orders ADD closed_at DATETIMEOFFSET NULL;\nUPDATE orders SET status = 'x' WHERE closed_at IS NULL", "line 2: 'closed_at' is added to orders earlier in the same batch" },
        { "SELECT id FROM @recent", "no table variable '@recent'" },
        { "SELECT customer_id, status, COUNT(*) FROM orders GROUP BY customer_id", "'status' is neither in GROUP BY nor inside an aggregate" },
        { "SELECT o.status, MAX(o.created_at) FROM orders o", "'o.status' is neither in GROUP BY nor inside an aggregate" },
        { "SELECT c.name, COUNT(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id HAVING COUNT(*) > 1", "'c.name' is neither" },
        { "SELECT id FROM orders WHERE ifnull(status, 'New') = 'New'", "'ifnull()' is not a built-in function of SQL Server 2019" },
        { "SELECT GREATEST(created_at, @Now) FROM orders", "'GREATEST()' is not a built-in function of SQL Server 2019" },
        { "SELECT id FROM orders WHERE status IS DISTINCT FROM @Status", "Incorrect syntax near 'DISTINCT'" },
        { "SELECT d.id FROM (SELECT id FROM orders ORDER BY created_at) d", "The ORDER BY clause is not valid in views, inline functions, derived tables" },
        { "CREATE VIEW recent AS SELECT id FROM orders ORDER BY created_at", "The ORDER BY clause is not valid" },
    };

    public static TheoryData<string> Right() =>
    [
        "SELECT o.id, c.name AS customer FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = @Status ORDER BY customer, o.id",
        "SELECT TOP (@Take) id, status FROM orders WITH (UPDLOCK, READPAST) WHERE status = 'New' ORDER BY created_at DESC, id DESC OPTION (RECOMPILE)",
        "SELECT id FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE customers.name = 'a') AND EXISTS (SELECT 1 FROM customers c WHERE c.id = orders.customer_id)",
        "SELECT c.name, (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id AND status = 'New') AS open_orders FROM customers c",
        "WITH recent (order_id, at) AS (SELECT id, created_at FROM orders) SELECT r.order_id, at FROM recent r",
        "SELECT d.n FROM (SELECT customer_id, COUNT(*) FROM orders GROUP BY customer_id) AS d (customer, n)",
        "SELECT c.id, x.status FROM customers c CROSS APPLY (SELECT TOP (1) o.status FROM orders o WHERE o.customer_id = c.id ORDER BY o.created_at DESC) x",
        "SELECT id FROM customers WHERE id IN (SELECT CAST([value] AS UNIQUEIDENTIFIER) FROM OPENJSON(@Ids)) AND name IN (SELECT value FROM STRING_SPLIT(@Names, ','))",
        "SELECT id FROM orders WHERE created_at > DATEADD(day, -1, @Now) AND DATEDIFF(minute, created_at, @Now) < 5",
        "SELECT id FROM orders UNION ALL SELECT id FROM customers ORDER BY id",
        "SELECT o.customer_id, CASE WHEN o.status = 'New' THEN 1 ELSE 0 END AS fresh, COUNT(*) AS n, MAX(o.created_at) FROM orders o " +
        "GROUP BY o.customer_id, CASE WHEN o.status = 'New' THEN 1 ELSE 0 END HAVING COUNT(*) > 1 ORDER BY n DESC, customer_id",
        "SELECT c.id, (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id AND o.status = 'New') AS open_orders, " +
        "ROW_NUMBER() OVER (ORDER BY c.created_at) AS n FROM customers c",
        "SELECT COUNT(*), MIN(created_at) FROM orders WHERE created_at > DATEADD(day, -1, @Now)",
        "INSERT INTO counters (store_id, day, last_number) SELECT TOP (1) id, 'x', 1 FROM (SELECT TOP (5) id FROM orders ORDER BY created_at) d ORDER BY id",
        "INSERT INTO orders (id, customer_id, status, version, created_at) SELECT @Id, c.id, 'New', 1, @Now FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders WHERE customer_id = c.id)",
        "UPDATE o SET status = 'Done', version = o.version + 1 OUTPUT inserted.version, deleted.status FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.name = @Name",
        "DELETE FROM orders WHERE id = @Id AND version = @Version",
        "MERGE counters WITH (HOLDLOCK) AS t USING (SELECT @StoreId AS store_id, @Day AS day) AS s ON t.store_id = s.store_id AND t.day = s.day " +
        "WHEN MATCHED THEN UPDATE SET last_number = t.last_number + 1 WHEN NOT MATCHED THEN INSERT (store_id, day, last_number) VALUES (s.store_id, s.day, 1) " +
        "OUTPUT inserted.last_number, $action;",
        "DECLARE @picked TABLE (id INT); INSERT INTO @picked (id) SELECT id FROM orders; SELECT p.id FROM @picked p",
        "CREATE TABLE #recent (id INT); INSERT INTO #recent (id) SELECT id FROM orders; SELECT id FROM #recent; DROP TABLE #recent",
        "ALTER TABLE orders ADD closed_at DATETIMEOFFSET NULL;\nGO\nUPDATE orders SET closed_at = created_at WHERE status = 'Closed';\nCREATE INDEX ix_orders_closed ON orders (closed_at) INCLUDE (status) WHERE closed_at IS NOT NULL",
        "CREATE TABLE notes (id INT PRIMARY KEY, order_id INT NOT NULL REFERENCES orders(id), body NVARCHAR(10) CHECK (LEN(body) > 0), UNIQUE (order_id, body))",
        "CREATE TABLE notes (id INT PRIMARY KEY);\nALTER TABLE notes ADD body NVARCHAR(10) NULL;\nINSERT INTO notes (id, body) VALUES (1, 'a')",
        "CREATE VIEW open_orders AS SELECT o.id, c.name AS customer FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = 'New';\nGO\nSELECT customer FROM open_orders",
        "EXEC sp_rename 'orders.status', 'state', 'COLUMN';\nSELECT state FROM orders",
        "CREATE VIEW recent AS SELECT id FROM orders;\nGO\nALTER VIEW recent AS SELECT id, status FROM orders;\nGO\nSELECT status FROM recent",
        "CREATE TRIGGER trg ON orders AFTER UPDATE AS BEGIN SET NOCOUNT ON; INSERT INTO counters (store_id, day, last_number) SELECT d.customer_id, 'x', 1 FROM deleted d JOIN inserted i ON i.id = d.id END",
        "DECLARE @check SYSNAME = (SELECT name FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID('orders'))",
    ];

    [Theory]
    [MemberData(nameof(Wrong))]
    public void AWrongNameIsReportedWithTheNameItUses(string sql, string expected) =>
        new TSqlBinder(Schema()).Bind(sql).Should().ContainSingle().Which.Should().Contain(expected);

    [Theory]
    [MemberData(nameof(Right))]
    public void RightNamesPass(string sql) => new TSqlBinder(Schema()).Bind(sql).Should().BeEmpty();
}
