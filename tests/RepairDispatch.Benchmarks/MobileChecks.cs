using Dapper;
using Microsoft.Data.Sqlite;
using static RepairDispatch.Benchmarks.Report;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// After the day, on a read-only connection: did every logical action have exactly one effect? A retry that was done
/// again instead of replayed shows up as a second event, part line, stock decrement, price or location ping; a lost
/// action as a missing one. Prints one PASS or FAIL line per check; true when all passed.
/// </summary>
public static class MobileChecks
{
    // The kinds Transition writes for the technician's steps (WorkOrderAction names); mobile-seed wrote Created and Assign.
    private static readonly string[] StepKinds = ["Accept", "Depart", "Arrive", "Complete"];
    private static readonly string[] SeededKinds = ["Created", "Assign"];

    private const string Seeded = "SELECT w.id FROM work_orders w JOIN technicians t ON t.id = w.technician_id WHERE t.code LIKE @Prefix";

    public static async Task<bool> RunAsync(string path, SeededDay day)
    {
        var readOnly = new SqliteConnectionStringBuilder(Options.ConnectionString(path)) { Mode = SqliteOpenMode.ReadOnly }.ToString();
        await using var c = new SqliteConnection(readOnly);
        await c.OpenAsync();
        await using var tx = c.BeginTransaction(deferred: true);
        var args = new { Prefix = MobileSeeder.TechnicianCodePrefix + "%", day.PartId };
        var jobs = day.Jobs;
        var ok = true;

        var completed = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM work_orders WHERE status = 'Completed' AND id IN ({Seeded})", args, tx);
        ok &= Check($"orders Completed: {N(completed)} of {N(jobs)}", completed == jobs);

        var events = (await c.QueryAsync<(string Kind, long Total, long Orders)>(
                $"SELECT kind, COUNT(*), COUNT(DISTINCT work_order_id) FROM work_order_events WHERE work_order_id IN ({Seeded}) GROUP BY kind", args, tx))
            .ToDictionary(e => e.Kind);
        foreach (var kind in StepKinds)
        {
            var (total, orders) = events.TryGetValue(kind, out var e) ? (e.Total, e.Orders) : (0, 0);
            ok &= Check($"events {kind}: {N(total)} on {N(orders)} orders, expected {N(jobs)}, one per order", total == jobs && orders == jobs);
        }
        var others = events.Values.Where(e => !StepKinds.Contains(e.Kind) && !SeededKinds.Contains(e.Kind)).Sum(e => e.Total);
        ok &= Check($"events of any other kind: {N(others)}, expected 0", others == 0);

        var parts = await c.QuerySingleAsync<(long Lines, long Quantity)>(
            $"SELECT COUNT(*), COALESCE(SUM(quantity), 0) FROM work_order_parts WHERE work_order_id IN ({Seeded})", args, tx);
        ok &= Check($"work_order_parts: {N(parts.Lines)} lines of {N(parts.Quantity)} parts, expected {N(jobs)} of 1 (one per order)",
            parts.Lines == jobs && parts.Quantity == jobs);

        var stock = await c.ExecuteScalarAsync<long>("SELECT on_hand FROM stock_balances WHERE part_id = @PartId", args, tx);
        ok &= Check($"part stock: {N(stock)}, expected {N(MobileSeeder.StockBefore)} - {N(jobs)} = {N(MobileSeeder.StockBefore - jobs)}",
            stock == MobileSeeder.StockBefore - jobs);

        // Every order is priced once: one Labour line (30 min) and one Part line (the part used) each, and the same
        // number of lines on every order (the on-site fee comes from the service's price list), so none was priced twice.
        var charges = await c.QuerySingleAsync<(long Orders, long? MinLabour, long? MaxLabour, long? MinPart, long? MaxPart, long? MinLines, long? MaxLines, long? Rows)>($"""
            SELECT COUNT(*), MIN(labour), MAX(labour), MIN(part), MAX(part), MIN(lines), MAX(lines), SUM(lines) FROM (
                SELECT SUM(kind = 'Labour') AS labour, SUM(kind = 'Part') AS part, COUNT(*) AS lines
                FROM work_order_charges WHERE work_order_id IN ({Seeded}) GROUP BY work_order_id)
            """, args, tx);
        ok &= Check($"work_order_charges: {N(charges.Orders)} orders priced, expected {N(jobs)}; Labour lines per order {Span(charges.MinLabour, charges.MaxLabour)}, "
                + $"Part lines {Span(charges.MinPart, charges.MaxPart)}, expected 1; lines per order {Span(charges.MinLines, charges.MaxLines)}, "
                + $"expected the same on every order ({N(charges.Rows ?? 0)} rows)",
            charges.Orders == jobs && charges is { MinLabour: 1, MaxLabour: 1, MinPart: 1, MaxPart: 1 } && charges.MinLines == charges.MaxLines);

        var pings = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM technician_locations l JOIN technicians t ON t.id = l.technician_id WHERE t.code LIKE @Prefix", args, tx);
        ok &= Check($"location pings (one per arrival): {N(pings)}, expected {N(jobs)}", pings == jobs);

        var keys = await c.QuerySingleAsync<(long Keys, long Answered)>("""
            SELECT COUNT(*), COALESCE(SUM(k.status_code = 200), 0) FROM idempotency_keys k
            JOIN users u ON u.id = k.user_id JOIN technicians t ON t.id = u.technician_id WHERE t.code LIKE @Prefix
            """, args, tx);
        ok &= Check($"idempotency keys stored: {N(keys.Keys)} ({N(keys.Answered)} answered 200), expected {N(4L * jobs)}, one per step",
            keys.Keys == 4L * jobs && keys.Answered == 4L * jobs);
        return ok;
    }

    private static string Span(long? min, long? max) => min == max ? $"{min}" : $"{min} to {max}";
}
