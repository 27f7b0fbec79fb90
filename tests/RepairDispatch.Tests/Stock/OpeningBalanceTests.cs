using Dapper;
using Microsoft.Data.Sqlite;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Stock;

/// <summary>V0017 turns the per-store counts of part_stock into Opening movements and balance rows, then drops the table.</summary>
public class OpeningBalanceTests : IDisposable
{
    private readonly SqliteAtVersion _db = new("v0017");

    [Fact]
    public async Task EveryCountedPartBecomesAnOpeningBalanceEqualToItsLedger()
    {
        _db.MigrateTo("0016");
        await using (var c = new SqliteConnection(_db.ConnectionString))
            await c.ExecuteAsync("""
                INSERT INTO stores (id, code, name, city, address, created_at) VALUES ('s1', 'S1', 'S', 'C', 'A', 't'), ('s2', 'S2', 'S', 'C', 'A', 't');
                INSERT INTO parts (id, part_number, name, main_part, cost_fen, retail_price_fen, created_at) VALUES ('p1', 'P1', 'Pump', 0, 3800, 9500, 't'), ('p2', 'P2', 'Belt', 0, 1200, 2000, 't');
                INSERT INTO part_stock (store_id, part_id, quantity, updated_at) VALUES ('s1', 'p1', 7, '2026-10-01T00:00:00.0000000+00:00'),
                    ('s2', 'p1', 0, '2026-10-01T00:00:00.0000000+00:00'), ('s2', 'p2', 3, '2026-10-02T00:00:00.0000000+00:00')
                """);

        _db.MigrateTo(null);

        await using var after = new SqliteConnection(_db.ConnectionString);
        var balances = (await after.QueryAsync<(string Location, string Part, long OnHand)>(
            "SELECT location_id, part_id, on_hand FROM stock_balances ORDER BY location_id, part_id")).ToList();
        balances.Should().Equal(("s1", "p1", 7L), ("s2", "p1", 0L), ("s2", "p2", 3L));
        var opening = (await after.QueryAsync<(string Location, string Part, string Kind, long Qty, long Cost, string Id)>(
            "SELECT location_id, part_id, kind, qty, unit_cost_fen, id FROM stock_movements ORDER BY location_id, part_id")).ToList();
        opening.Select(m => (m.Location, m.Part, m.Kind, m.Qty, m.Cost)).Should().Equal(("s1", "p1", "Opening", 7L, 3800L), ("s2", "p2", "Opening", 3L, 1200L));
        opening.Select(m => m.Id).Should().AllSatisfy(id => Guid.Parse(id).ToString().Should().Be(id, "a lowercase Guid like every id"));
        (await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'part_stock'")).Should().Be(0);
    }

    public void Dispose() => _db.Dispose();
}
