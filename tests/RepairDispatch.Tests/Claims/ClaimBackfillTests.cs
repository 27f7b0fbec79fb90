using Dapper;
using Microsoft.Data.Sqlite;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Claims;

/// <summary>
/// V0012 gives every manufacturer-paid order completed before claims existed its claim: Claimed by the run that already
/// holds it, else Ready (no rules applied to it), so the next run neither misses nor repeats one.
/// </summary>
public class ClaimBackfillTests : IDisposable
{
    private readonly SqliteAtVersion _db = new("v0012");

    [Fact]
    public async Task CompletedManufacturerPaidOrdersBecomeClaimedByTheirRunOrReady()
    {
        _db.MigrateTo("0011");
        await using (var c = new SqliteConnection(_db.ConnectionString))
        {
            await c.ExecuteAsync("""
                INSERT INTO stores (id, code, name, city, address, created_at) VALUES ('s', 'S1', 'S', 'C', 'A', 't');
                INSERT INTO manufacturers (id, name, created_at) VALUES ('m', 'M', 't');
                INSERT INTO users (id, username, password_hash, role, created_at) VALUES ('u', 'u', 'h', 'admin', 't');
                INSERT INTO customers (id, store_id, name, created_at) VALUES ('c', 's', 'n', 't')
                """);
            await c.ExecuteAsync("INSERT INTO appliances (id, customer_id, category, manufacturer_id, model, created_at) VALUES ('ap', 'c', 'Tv', 'm', 'X', 't')");
            foreach (var (id, payer, claimable, completedAt) in new[]
            {
                ("a-in-run", "Manufacturer", 1, "2026-05-02T00:00:00.0000000+00:00"), ("b-not-in-run", "Manufacturer", 1, "2026-05-03T00:00:00.0000000+00:00"),
                ("c-customer", "Customer", 0, "2026-05-03T00:00:00.0000000+00:00"), ("d-open", "Manufacturer", 1, null),
                ("e-not-claimable", "Manufacturer", 0, "2026-05-03T00:00:00.0000000+00:00"),
            })
                await c.ExecuteAsync("""
                    INSERT INTO work_orders (id, store_id, number, type, source, status, customer_id, appliance_id, fault_description, priority,
                        in_warranty, warranty_coverage, payer, claimable, warranty_reason_code, assign_by, on_site_by, complete_by, visits, version,
                        created_by_user_id, created_at, updated_at, completed_at, completed_period)
                    VALUES (@Id, 's', @Id, 'Repair', 'Phone', 'Completed', 'c', 'ap', 'f', 'Normal', 1, 'WholeUnit', @Payer, @Claimable, 'x', 't', 't', 't', 0, 1,
                        'u', 't', 't', @CompletedAt, '2026-05')
                    """, new { Id = id, Payer = payer, Claimable = claimable, CompletedAt = completedAt });
            await c.ExecuteAsync("""
                INSERT INTO settlement_runs (id, manufacturer_id, period, status, created_by_user_id, created_at, updated_at) VALUES ('r1', 'm', '2026-05', 'Draft', 'u', 't', 't');
                INSERT INTO settlement_lines (id, run_id, work_order_id, kind, description, amount_fen, created_at) VALUES ('l1', 'r1', 'a-in-run', 'RepairFee', '', 8050, 't')
                """);
        }

        _db.MigrateTo(null);

        await using var after = new SqliteConnection(_db.ConnectionString);
        var claims = (await after.QueryAsync<(string Order, string Maker, string State, string? Run, string Blockers, string? ReadyAt)>(
            "SELECT work_order_id, manufacturer_id, state, run_id, blocker_codes, ready_at FROM work_order_claims ORDER BY work_order_id")).ToList();
        claims.Select(c => (c.Order, c.Maker, c.State, c.Run)).Should().Equal(("a-in-run", "m", "Claimed", "r1"), ("b-not-in-run", "m", "Ready", null));
        claims.Should().OnlyContain(c => c.Blockers == "[]" && c.ReadyAt != null);
    }

    public void Dispose() => _db.Dispose();
}
