using Dapper;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Kpis;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Kpis;

/// <summary>
/// A station that upgrades to the KPI facts has its history already: V0029 marks every order without facts, and the
/// drain works the marks off round by round to exactly the facts a rebuild from scratch gives.
/// </summary>
public class KpiHistoryUpgradeTests(KpiFixture api) : IClassFixture<KpiFixture>
{
    [Fact]
    public async Task OrdersFromBeforeTheFactsAreMarkedOnceAndDrainedToTheFactsOfARebuild()
    {
        var d = await api.Data.ReadyAsync();
        var h = new KpiHistory(api, d);
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "Upgrade " + Guid.NewGuid().ToString("N")[..6] })).Str("id");
        for (var i = 0; i < 4; i++)
        {
            var id = await h.Repair(maker);
            await h.Assign(id);
            h.Wait(30);
        }
        var refresh = api.Services.GetRequiredService<KpiRefresh>();
        await refresh.DrainAsync();
        var kept = await FactsAsync();

        await using var c = await api.Db.OpenAsync();
        await c.ExecuteAsync("DELETE FROM kpi_order_facts"); // as before V0024: orders, no facts, no marks
        await c.ExecuteAsync("DELETE FROM kpi_dirty");
        var orders = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders");
        await c.ExecuteAsync(File.ReadAllText(Path.Combine(Migrator.ScriptFolder(DatabaseProvider.Sqlite), "V0029__kpi_facts_of_the_history.sql")));

        (await c.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT work_order_id) FROM kpi_dirty")).Should().Be(orders).And.BeGreaterThanOrEqualTo(4);
        (await refresh.DrainAsync(maxRounds: 1)).Should().Be((int)orders, "a round takes up to 2,500 marks, all of these");
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kpi_dirty")).Should().Be(0);
        var drained = await FactsAsync();
        drained.Should().BeEquivalentTo(kept, o => o.WithStrictOrdering(), "the history's facts are what they were when kept at write time");
        await refresh.RebuildAsync();
        (await FactsAsync()).Should().BeEquivalentTo(drained, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task StoreDaysOfFactsFromBeforeV0030AreBuiltByTheJobToTheTalliesKeptAtWriteTime()
    {
        var d = await api.Data.ReadyAsync();
        var h = new KpiHistory(api, d);
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "Tally " + Guid.NewGuid().ToString("N")[..6] })).Str("id");
        for (var i = 0; i < 3; i++)
        {
            var id = await h.Repair(maker);
            await h.Assign(id);
            await h.Arrive(id);
            h.Wait(600);
            await h.Complete(id, 40);
            h.Wait(1000);
        }
        var refresh = api.Services.GetRequiredService<KpiRefresh>();
        await refresh.DrainAsync();
        var kept = await KpiIncrementalTests.StoreDaysOf(api);

        await using var c = await api.Db.OpenAsync();
        await c.ExecuteAsync("DROP TABLE kpi_store_days_backfill; DROP TABLE kpi_store_days"); // as before V0030: facts, no tallies
        await c.ExecuteAsync(File.ReadAllText(Path.Combine(Migrator.ScriptFolder(DatabaseProvider.Sqlite), "V0030__kpi_store_days.sql")));
        var waiting = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kpi_store_days_backfill");

        waiting.Should().Be(kept.Count).And.BeGreaterThanOrEqualTo(3, "a created day and a completed day per order, some shared");
        (await refresh.DrainAsync(maxRounds: 1)).Should().Be(0, "no order is recomputed: only the store-days are built");
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kpi_store_days_backfill")).Should().Be(0);
        (await KpiIncrementalTests.StoreDaysOf(api)).Should().Equal(kept);
    }

    [Fact]
    public async Task AReportMadeWhileTheJobStillWorksOffABacklogSaysItIsIncomplete()
    {
        var d = await api.Data.ReadyAsync();
        var day = TestData.StationToday();
        var url = $"/api/v1/reports/kpis?from={day.AddDays(-1):yyyy-MM-dd}&to={day:yyyy-MM-dd}";
        await using var c = await api.Db.OpenAsync();
        // More store-days waiting than a report builds (two rounds of 500): as after V0030 on a station with years of history.
        await c.ExecuteAsync("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @Count)
            INSERT INTO kpi_store_days_backfill (store_id, day) SELECT @Store, date('2000-01-01', '+' || i || ' days') FROM n
            """, new { Count = KpiRefresh.ReportRounds * KpiStoreDays.BackfillPerRound + 1, Store = Guid.Parse(d.StoreId) });

        var during = await d.Manager.GetOk(url);
        await api.Services.GetRequiredService<KpiRefresh>().DrainAsync(); // the kpi-facts job
        var after = await d.Manager.GetOk(url);

        during["complete"]!.GetValue<bool>().Should().BeFalse("one store-day is still waiting");
        after["complete"]!.GetValue<bool>().Should().BeTrue();
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kpi_store_days_backfill")).Should().Be(0);
    }

    private Task<List<Dictionary<string, object?>>> FactsAsync() => KpiIncrementalTests.FactsOf(api);
}
