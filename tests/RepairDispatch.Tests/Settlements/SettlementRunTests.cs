using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Settlements;

public class SettlementRunTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static DateOnly Today() => TestData.StationToday();

    private static string Period => Today().ToString("yyyy-MM");

    /// <summary>A manufacturer under contract (Minor 80.50, Major 150.00) with completed repairs.</summary>
    internal static async Task<string> ManufacturerWithCompletedOrders(TestData d, params string[] levels)
    {
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "海尔 " + Guid.NewGuid().ToString("N")[..6] })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", new
        {
            validFrom = Today().AddYears(-1).ToString("yyyy-MM-dd"), categories = new[] { "WashingMachine" },
            fees = new
            {
                repair = new[] { new { category = "WashingMachine", level = "Minor", amount = 80.50m }, new { category = "WashingMachine", level = "Major", amount = 150m } },
                partsReimbursement = "AtCost",
            },
        });
        foreach (var level in levels)
        {
            var (customer, appliance) = await d.CustomerWithAppliance(Today().AddMonths(-2), manufacturerId: maker);
            var id = (await d.WorkOrder(customer, appliance)).Str("id");
            await d.CompleteByTechnicianA(id, level, 30);
        }
        return maker;
    }

    [Fact]
    public async Task FinanceRunsSubmitsDisputesAdjustsApprovesAndPaysAMonth()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithCompletedOrders(d, "Minor", "Major", "Minor");

        var run = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period });
        var again = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period }, HttpStatusCode.OK);
        var id = run.Str("id");
        var lines = (await d.Finance.GetOk($"/api/v1/settlements/runs/{id}/lines"))["items"]!.AsArray();

        again.Str("id").Should().Be(id);
        run["lineCount"]!.GetValue<long>().Should().Be(3);
        run["total"]!.GetValue<decimal>().Should().Be(311.00m, "80.50 + 150.00 + 80.50 from the contract's fee schedule");
        lines.Sum(l => l!["amount"]!.GetValue<decimal>()).Should().Be(311.00m);

        await d.Finance.PostOk($"/api/v1/settlements/runs/{id}/submit", null, HttpStatusCode.OK);
        await (await d.Finance.PostAsJsonAsync($"/api/v1/settlements/runs/{id}/adjustments", new { amount = -1m, description = "x" }))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        var disputed = await d.Finance.PostOk($"/api/v1/settlements/runs/{id}/dispute",
            new { lines = new[] { lines[0].Str("id"), lines[1].Str("id") }, reason = "厂家: 维修级别不符" }, HttpStatusCode.OK);
        var adjusted = await d.Finance.PostOk($"/api/v1/settlements/runs/{id}/adjustments",
            new { lineId = lines[0].Str("id"), amount = -10.50m, description = "Agreed reduction" });
        await d.Finance.PostOk($"/api/v1/settlements/runs/{id}/approve", null, HttpStatusCode.OK);
        var paid = await d.Finance.PostOk($"/api/v1/settlements/runs/{id}/pay", new { paidOn = Today().ToString("yyyy-MM-dd"), reference = "BANK-001" }, HttpStatusCode.OK);

        disputed.Str("status").Should().Be("Disputed");
        adjusted["total"]!.GetValue<decimal>().Should().Be(300.50m);
        paid.Str("status").Should().Be("Paid");
        paid.Str("paidReference").Should().Be("BANK-001");
        var after = (await d.Finance.GetOk($"/api/v1/settlements/runs/{id}/lines"))["items"]!.AsArray();
        after.Should().HaveCount(4);
        after.Count(l => l!["disputed"]!.GetValue<bool>()).Should().Be(2);
        after.Single(l => l.Str("kind") == "Adjustment").Str("adjustsLineId").Should().Be(lines[0].Str("id"));
    }

    [Fact]
    public async Task ConcurrentRequestsFromTwoHostsOnOneDatabaseMakeOneRunAndNoLineTwice()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithCompletedOrders(d, "Minor", "Minor");
        using var second = new SecondHost(api.DatabasePath);
        var otherFinance = await second.ClientAs("finance1");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? d.Finance : otherFinance)
            .PostAsJsonAsync("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period })));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.OK);
        var ids = new HashSet<string>();
        foreach (var r in responses) ids.Add((await r.Json()).Str("id"));
        ids.Should().ContainSingle();
        var run = await d.Finance.GetOk($"/api/v1/settlements/runs/{ids.Single()}");
        run["lineCount"]!.GetValue<long>().Should().Be(2);
        (await d.CountRows("settlement_lines WHERE kind <> 'Adjustment'")).Should().Be(await d.CountRows("settlement_lines l JOIN work_order_charges ch ON ch.id = l.id"),
            "every order line is one charge, held by one run only");
    }

    [Fact]
    public async Task RefusedStepsAndRolesLeaveTheRunAsItWas()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithCompletedOrders(d, "Minor");
        var id = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period })).Str("id");

        await (await d.Finance.PostAsync($"/api/v1/settlements/runs/{id}/approve", null)).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await d.Finance.PostAsJsonAsync($"/api/v1/settlements/runs/{id}/pay", new { paidOn = "2026-11-01", reference = "x" })).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await d.TechA.GetAsync("/api/v1/settlements/runs")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await d.FrontDesk.PostAsJsonAsync("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period })).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await d.Finance.PostAsJsonAsync("/api/v1/settlements/runs", new { manufacturerId = maker, period = "2026-13" })).ShouldBeProblem(HttpStatusCode.BadRequest, "period");
        await (await d.Finance.PostAsJsonAsync("/api/v1/settlements/runs", new { manufacturerId = maker, period = "2999-01" })).ShouldBeProblem(HttpStatusCode.BadRequest, "period");
        (await d.Finance.GetOk($"/api/v1/settlements/runs/{id}")).Str("status").Should().Be("Draft");
    }

    [Fact]
    public async Task ACrashHalfwayThroughARunLeavesNoPartialRunAndTheRetryCompletesIt()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithCompletedOrders(d, "Minor", "Minor", "Major", "Major");
        // The fault: the database refuses the third line, after two were written inside the run's transaction.
        const string crash = "CREATE TRIGGER crash_halfway AFTER INSERT ON settlement_lines "
            + "WHEN (SELECT COUNT(*) FROM settlement_lines WHERE run_id = NEW.run_id) > 2 "
            + "BEGIN SELECT RAISE(ABORT, 'injected crash'); END";
        await using (var c = await api.Db.OpenAsync()) await Dapper.SqlMapper.ExecuteAsync(c, crash);
        HttpResponseMessage crashed;
        try
        {
            crashed = await d.Finance.PostAsJsonAsync("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period });
        }
        finally
        {
            await using var c = await api.Db.OpenAsync();
            await Dapper.SqlMapper.ExecuteAsync(c, "DROP TRIGGER crash_halfway");
        }
        var runsAfterCrash = (await d.Finance.GetOk($"/api/v1/settlements/runs?period={Period}"))["items"]!.AsArray()
            .Count(r => r!["manufacturerId"]?.GetValue<string>() == maker);

        var retry = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period });

        crashed.IsSuccessStatusCode.Should().BeFalse();
        runsAfterCrash.Should().Be(0, "the run and its first lines were one transaction, rolled back together");
        retry["lineCount"]!.GetValue<long>().Should().Be(4);
        retry["total"]!.GetValue<decimal>().Should().Be(461.00m);
    }
}
