using Dapper;
using Microsoft.Data.Sqlite;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Tests.Texts;

/// <summary>V0010 turns the sentences stored before it into codes; a sentence it does not know is kept as `text.legacy`.</summary>
public class TextMigrationTests : IDisposable
{
    private readonly SqliteAtVersion _db = new("v0010");

    [Fact]
    public async Task StoredSentencesBecomeCodesWithArguments()
    {
        _db.MigrateTo("0008");
        await using (var c = new SqliteConnection(_db.ConnectionString + ";Foreign Keys=False")) // rows without their customers and stores
        {
            foreach (var (id, reason) in new[]
            {
                ("a", "No purchase date on file: out of warranty unless a manager overrides with proof of purchase."),
                ("b", "Manager override: 老客户"),
                ("c", "In whole-unit warranty (12 months, bought 2025-01-02, covered through 2026-01-01); Haier pays under our service contract for Tv."),
            })
            {
                await c.ExecuteAsync("""
                    INSERT INTO work_orders (id, store_id, number, type, source, status, customer_id, appliance_id, fault_description, priority,
                        in_warranty, warranty_coverage, payer, claimable, warranty_reason, assign_by, on_site_by, complete_by, created_by_user_id, created_at, updated_at)
                    VALUES (@Id, 's', @Id, 'Repair', 'Phone', 'New', 'c', @Id, 'f', 'Normal', 0, 'None', 'Customer', 0, @Reason, 't', 't', 't', 'u', 't', 't')
                    """, new { Id = id, Reason = reason });
            }
            await c.ExecuteAsync("""
                INSERT INTO work_order_events (id, work_order_id, at, occurred_at, actor_user_id, actor, kind, reason)
                VALUES ('e1', 'a', 't', 't', 'u', 'x', 'ReworkOpened', 'Rework order WO-20260101-0001'),
                       ('e2', 'a', 't', 't', 'u', 'x', 'Cancel', '客户不修了');
                INSERT INTO complaints (id, store_id, source, severity, customer_id, description, status, respond_by, created_by_user_id, created_at)
                VALUES ('k1', 's', 'Callback', 'High', 'c', 'Callback satisfaction 1/5: 师傅迟到', 'Open', 't', 'u', 't'),
                       ('k2', 's', 'Callback', 'Normal', 'c', 'Callback satisfaction 2/5', 'Open', 't', 'u', 't')
                """);
        }

        _db.MigrateTo(null);

        await using var after = new SqliteConnection(_db.ConnectionString);
        var orders = (await after.QueryAsync<(string Id, string Code, string? Args)>(
            "SELECT id, warranty_reason_code, warranty_reason_args FROM work_orders ORDER BY id")).ToList();
        orders.Select(o => o.Code).Should().Equal("warranty.no-purchase-date", "warranty.override", "text.legacy");
        Text.Stored(orders[1].Code, orders[1].Args).Render(Localization.Chinese).Should().Be("经理改判：老客户");
        Text.Stored(orders[2].Code, orders[2].Args).Render(Localization.Chinese).Should().StartWith("In whole-unit warranty (12 months");
        var events = (await after.QueryAsync<(string Id, string? Reason, string? Code, string? Args)>(
            "SELECT id, reason, reason_code, reason_args FROM work_order_events ORDER BY id")).ToList();
        events[0].Should().Be(("e1", (string?)null, "event.rework-opened", """{"number":"WO-20260101-0001"}"""));
        events[1].Should().Be(("e2", "客户不修了", (string?)null, (string?)null));
        var complaints = (await after.QueryAsync<(string Description, string Code, string Args)>(
            "SELECT description, description_code, description_args FROM complaints ORDER BY id")).ToList();
        complaints.Select(k => Text.Stored(k.Code, k.Args).Render(Localization.Chinese)).Should().Equal("回访满意度 1/5：师傅迟到", "回访满意度 2/5");
        complaints.Select(k => k.Description).Should().Equal("师傅迟到", "");
    }

    public void Dispose() => _db.Dispose();
}
