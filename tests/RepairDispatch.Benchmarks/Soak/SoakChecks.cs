using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks.Soak;

/// <summary>
/// After the load, read-only on the database the nodes share: every acknowledged write is there once, nothing was
/// done twice (numbers, events, parts, payments, callbacks), and the jobs' work (outbox delivery) happened exactly once.
/// </summary>
public static class SoakChecks
{
    public static async Task<bool> RunAsync(string path, SoakStation station, SoakLedger ledger, SmsGateway gateway, TimeSpan drain)
    {
        await using var c = new SqliteConnection(Options.ConnectionString(path) + ";Mode=ReadOnly");
        await c.OpenAsync();
        var store = new { StoreId = station.StoreId };

        // The outbox-dispatch job runs every minute on each node: wait for it to deliver what the load left pending.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        long pending;
        while ((pending = await c.ExecuteScalarAsync<long>(
                   "SELECT COUNT(*) FROM outbox_messages WHERE store_id = @StoreId AND status = 'Pending'", store)) > 0 && waited.Elapsed < drain)
            await Task.Delay(2_000);
        Console.WriteLine($"outbox drained in {waited.Elapsed.TotalSeconds:0} s ({pending} still pending)");

        var ok = true;
        ok &= Report.Check($"every acknowledged order is stored ({ledger.Created.Count:N0})",
            await KillCheck.MissingAsync(c, ledger.Created, "SELECT COUNT(*) FROM work_orders WHERE id IN @Ids") == 0);
        ok &= Report.Check("no order number used twice", await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM (SELECT number FROM work_orders WHERE store_id = @StoreId GROUP BY number HAVING COUNT(*) > 1)
            """, store) == 0);
        ok &= Report.Check("no status step recorded twice on an order (Created, Assign, Accept, Depart, Arrive, Complete, Close)", await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM (SELECT e.work_order_id, e.kind FROM work_order_events e JOIN work_orders w ON w.id = e.work_order_id
            WHERE w.store_id = @StoreId AND e.kind IN ('Created','Assign','Accept','Depart','Arrive','Complete','Close')
            GROUP BY e.work_order_id, e.kind HAVING COUNT(*) > 1)
            """, store) == 0);
        ok &= Report.Check($"every acknowledged completion is Completed or Closed ({ledger.Completed.Count:N0})",
            await KillCheck.MissingAsync(c, ledger.Completed, "SELECT COUNT(*) FROM work_orders WHERE id IN @Ids AND status IN ('Completed','Closed')") == 0);
        ok &= Report.Check($"every acknowledged close is Closed ({ledger.Closed.Count:N0})",
            await KillCheck.MissingAsync(c, ledger.Closed, "SELECT COUNT(*) FROM work_orders WHERE id IN @Ids AND status = 'Closed'") == 0);
        var used = await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(quantity), 0) FROM work_order_parts WHERE part_id = @PartId", new { station.PartId });
        var stock = await c.ExecuteScalarAsync<long>("SELECT on_hand FROM stock_balances WHERE part_id = @PartId", new { station.PartId });
        var completedInDb = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM work_orders WHERE store_id = @StoreId AND status IN ('Completed','Closed')", store);
        ok &= Report.Check($"one part per completed order, taken from stock once ({used:N0} used, stock {station.StockBefore:N0} → {stock:N0})",
            used == completedInDb && stock == station.StockBefore - used);
        ok &= Report.Check("at most one payment per order", await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM (SELECT p.work_order_id FROM work_order_payments p JOIN work_orders w ON w.id = p.work_order_id
            WHERE w.store_id = @StoreId GROUP BY p.work_order_id HAVING COUNT(*) > 1)
            """, store) == 0);
        ok &= Report.Check("one after-service callback per completed order", await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM callbacks WHERE store_id = @StoreId AND kind = 'AfterService'", store) == completedInDb);
        ok &= Report.Check($"no lost update: every concurrent If-Match edit kept ({ledger.Probes} probes of 4 clerks)",
            ledger.Probes > 0 && ledger.LostUpdates == 0);
        ok &= Report.Check($"every retried step answered with the stored answer ({ledger.Retries:N0} retries)", ledger.RetriesNotReplayed == 0);

        var sent = (await c.QueryAsync<string>("SELECT id FROM outbox_messages WHERE store_id = @StoreId AND status = 'Sent'", store)).ToList();
        var dead = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE store_id = @StoreId AND status = 'Dead'", store);
        var twice = gateway.Deliveries.Count(d => d.Value > 1);
        ok &= Report.Check($"outbox: every message delivered, none twice ({sent.Count:N0} sent, {pending} pending, {dead} dead, {twice} delivered twice)",
            sent.Count > 0 && pending == 0 && dead == 0 && twice == 0 && sent.All(gateway.Deliveries.ContainsKey));
        return ok;
    }
}
