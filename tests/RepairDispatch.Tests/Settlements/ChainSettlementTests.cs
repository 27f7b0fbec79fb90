using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using Dapper;
using MiniExcelLibs;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Settlements;

/// <summary>
/// Unified settlement (issue 16): one run per manufacturer (or partner) and month covers every store; each line carries
/// its store; subtotals per store add up to the run's total to the fen; a store's finance sees its own store's part only
/// and settles nothing (headquarters does).
/// </summary>
public class ChainSettlementTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static DateOnly Today() => TestData.StationToday();

    private static string Period() => ChainSetup.Period();

    private static decimal Dec(JsonNode? node, string name) => node![name]!.GetValue<decimal>();

    private static List<(string? Store, long Lines, decimal Total)> Subtotals(JsonObject run) =>
        run["stores"]!.AsArray().Select(s => ((string?)s!["storeId"]?.GetValue<string>(), s["lineCount"]!.GetValue<long>(), Dec(s, "total"))).ToList();

    private static async Task<byte[]> Download(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        return bytes;
    }

    private static List<string[]> ParseCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i) ?? "").ToArray());
        return rows;
    }

    [Fact]
    public async Task OneRunCoversBothStoresWithSubtotalsThatAddUpToTheFen()
    {
        var chain = await ChainSetup.TwoStoresAsync(api, await api.Data.ReadyAsync());
        var d = chain.D;
        var maker = await ChainSetup.ManufacturerAsync(d);
        var ofA = new List<string>();
        for (var i = 0; i < 3; i++) ofA.Add(await ChainSetup.CompletedRepairAsync(api, d, maker));
        var ofB = new List<string> { await ChainSetup.CompletedRepairAsync(api, d, maker, chain.StoreB), await ChainSetup.CompletedRepairAsync(api, d, maker, chain.StoreB) };

        var run = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period() });
        var id = run.Str("id");
        var lines = (await d.Finance.GetOk($"/api/v1/settlements/runs/{id}/lines"))["items"]!.AsArray();
        var lineOfB = lines.First(l => l.Str("storeId") == chain.StoreB).Str("id");
        await d.Finance.PostOk($"/api/v1/settlements/runs/{id}/adjustments", new { lineId = lineOfB, amount = -0.33m, description = "少算 0.33" });
        run = await d.Finance.PostOk($"/api/v1/settlements/runs/{id}/adjustments", new { amount = -10.25m, description = "整单让利" });

        lines.Select(l => (l.Str("workOrderId"), l.Str("storeId"))).Should().BeEquivalentTo(
            ofA.Select(o => (o, chain.StoreA)).Concat(ofB.Select(o => (o, chain.StoreB))), "each line carries the store of its order");
        var expectedStores = new[] { (chain.StoreA, chain.CodeA, 3L, 241.50m), (chain.StoreB, chain.CodeB, 3L, 160.67m) }
            .OrderBy(s => s.Item2, StringComparer.OrdinalIgnoreCase).Select(s => ((string?)s.Item1, s.Item3, s.Item4))
            .Append((null, 1L, -10.25m)).ToList();
        Subtotals(run).Should().Equal(expectedStores, "stores by code, the chain's own adjustment last");
        Dec(run, "total").Should().Be(391.92m).And.Be(Subtotals(run).Sum(s => s.Total));
        run["lineCount"]!.GetValue<long>().Should().Be(7);
        (await d.Finance.GetOk($"/api/v1/settlements/runs/{id}/lines"))["items"]!.AsArray()
            .Where(l => l!["adjustsLineId"]?.GetValue<string>() == lineOfB).Single().Str("storeId").Should().Be(chain.StoreB, "an adjustment of a line is that line's store's");

        var runsOfB = (await d.Finance.GetOk($"/api/v1/settlements/runs?storeId={chain.StoreB}&period={Period()}"))["items"]!.AsArray();
        runsOfB.Select(r => r.Str("id")).Should().Contain(id);
        Dec(runsOfB.Single(r => r.Str("id") == id), "total").Should().Be(160.67m, "with a storeId, the view is that store's part");
        var storeC = (await d.Admin.PostOk("/api/v1/stores", new { code = "C-" + Guid.NewGuid().ToString("N")[..6], name = "三店", city = "上海", address = "1 路" })).Str("id");
        (await d.Finance.GetOk($"/api/v1/settlements/runs?storeId={storeC}"))["items"]!.AsArray().Should().BeEmpty();

        // The export: a section per store closed by its subtotal, then the grand total = the sum of the lines.
        var csv = ParseCsv(await Download(d.Finance, $"/api/v1/settlements/runs/{id}/export?format=csv&lang=zh"));
        csv[0][7].Should().Be("门店");
        var body = csv.Skip(1).SkipLast(1).ToList();
        var subtotalRows = body.Where(r => r[2] == "小计").ToList();
        subtotalRows.Select(r => decimal.Parse(r[4], CultureInfo.InvariantCulture)).Should().Equal(expectedStores.Select(s => s.Item3));
        foreach (var sub in subtotalRows)
        {
            var at = body.IndexOf(sub);
            var section = body.Take(at).Reverse().TakeWhile(r => r[2] != "小计").ToList();
            section.Should().OnlyContain(r => r[7] == sub[7], "a section holds one store's lines");
            section.Sum(r => decimal.Parse(r[4], CultureInfo.InvariantCulture)).Should().Be(decimal.Parse(sub[4], CultureInfo.InvariantCulture));
        }
        csv[^1][2].Should().Be("合计");
        decimal.Parse(csv[^1][4], CultureInfo.InvariantCulture).Should().Be(391.92m)
            .And.Be(body.Where(r => r[0] != "").Sum(r => decimal.Parse(r[4], CultureInfo.InvariantCulture)));

        using var xlsx = new MemoryStream(await Download(d.Finance, $"/api/v1/settlements/runs/{id}/export?format=xlsx"));
        decimal Amount(IDictionary<string, object> row) => decimal.Round(Convert.ToDecimal(row["Amount (CNY)"], CultureInfo.InvariantCulture), 2);
        var sheet = xlsx.Query(useHeaderRow: true, sheetName: "Lines").Cast<IDictionary<string, object>>().ToList();
        sheet.Where(r => (string)r["Kind"] == "Subtotal").Select(Amount).Should().Equal(expectedStores.Select(s => s.Item3));
        sheet.Where(r => r["Line"] is string).Sum(Amount).Should().Be(391.92m);
        Amount(sheet[^1]).Should().Be(391.92m);
        var stores = xlsx.Query(useHeaderRow: true, sheetName: "Stores").Cast<IDictionary<string, object>>().ToList();
        stores.Select(Amount).Should().Equal(expectedStores.Select(s => s.Item3).Append(391.92m));
        stores.Select(r => (string)r["Store"]).Should().Contain(s => s.StartsWith(chain.CodeB + " ")).And.Contain("Chain (no store)").And.EndWith("Total");
    }

    [Fact]
    public async Task AStoresFinanceSeesOnlyItsStoresLinesAndSettlesNothing()
    {
        var chain = await ChainSetup.TwoStoresAsync(api, await api.Data.ReadyAsync());
        var d = chain.D;
        var maker = await ChainSetup.ManufacturerAsync(d);
        await ChainSetup.CompletedRepairAsync(api, d, maker);
        await ChainSetup.CompletedRepairAsync(api, d, maker, chain.StoreB);
        var onlyB = await ChainSetup.ManufacturerAsync(d);
        await ChainSetup.CompletedRepairAsync(api, d, onlyB, chain.StoreB);
        var chainRun = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period() })).Str("id");
        var runOfB = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = onlyB, period = Period() })).Str("id");
        await d.Finance.PostOk($"/api/v1/settlements/runs/{chainRun}/adjustments", new { amount = 5m, description = "总部调整" });

        var mine = await chain.FinanceA.GetOk($"/api/v1/settlements/runs/{chainRun}");
        var myLines = (await chain.FinanceA.GetOk($"/api/v1/settlements/runs/{chainRun}/lines"))["items"]!.AsArray();
        var csv = ParseCsv(await Download(chain.FinanceA, $"/api/v1/settlements/runs/{chainRun}/export?format=csv"));
        var listed = (await chain.FinanceA.GetOk("/api/v1/settlements/runs"))["items"]!.AsArray().Select(r => r.Str("id")).ToList();

        Subtotals(mine).Should().Equal([(chain.StoreA, 1L, 80.50m)], "only his store's subtotal, not B's nor the chain's");
        Dec(mine, "total").Should().Be(80.50m);
        myLines.Should().ContainSingle().Which.Str("storeId").Should().Be(chain.StoreA);
        csv.Where(r => r[0] != "" && r[0] != "Line").Select(r => r[0]).Should().Equal(myLines.Select(l => l.Str("id")));
        csv[^1][4].Should().Be("80.50");
        listed.Should().Contain(chainRun).And.NotContain(runOfB);
        foreach (var url in new[] { "", "/lines", "/export?format=csv", "/export?format=xlsx" })
            await (await chain.FinanceA.GetAsync($"/api/v1/settlements/runs/{runOfB}{url}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await chain.FinanceB.GetOk($"/api/v1/settlements/runs/{runOfB}/lines"))["items"]!.AsArray().Should().ContainSingle();
        await (await chain.FinanceA.GetAsync($"/api/v1/settlements/runs?storeId={chain.StoreB}")).ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");

        await (await chain.FinanceA.PostAsync($"/api/v1/settlements/runs/{chainRun}/submit", null)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await chain.FinanceA.PostAsync($"/api/v1/settlements/runs/{runOfB}/submit", null)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await chain.FinanceA.PostAsync($"/api/v1/settlements/runs/{runOfB}/adjustments", TestData.Json(new { amount = 1m, description = "x" })))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        await (await chain.FinanceA.PostAsync("/api/v1/settlements/runs", TestData.Json(new { manufacturerId = maker, period = Period() })))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        (await d.Finance.GetOk($"/api/v1/settlements/runs/{chainRun}")).Str("status").Should().Be("Draft");
        (await d.Finance.PostOk($"/api/v1/settlements/runs/{chainRun}/submit", null, HttpStatusCode.OK)).Str("status").Should().Be("Submitted");
    }

    [Fact]
    public async Task APartnersRunHasTheSameStoresAndScope()
    {
        var chain = await ChainSetup.TwoStoresAsync(api, await api.Data.ReadyAsync());
        var d = chain.D;
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "美的 " + Guid.NewGuid().ToString("N")[..6] })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", new
        {
            validFrom = Today().AddYears(-1).ToString("yyyy-MM-dd"), categories = new[] { "WashingMachine" },
            fees = new { installation = new[] { new { category = "WashingMachine", amount = 120m } }, partsReimbursement = "AtCost" },
        });
        var partner = (await d.Manager.PostOk("/api/v1/installer-partners", new
        {
            name = "安装网点 " + Guid.NewGuid().ToString("N")[..4], categories = new[] { "WashingMachine" }, managementFeeRate = 0.25m,
            agreementFrom = Today().AddYears(-1).ToString("yyyy-MM-dd"),
        })).Str("id");
        foreach (var store in new[] { null, chain.StoreB, chain.StoreB })
        {
            var (customer, appliance) = await d.CustomerWithAppliance(Today(), manufacturerId: maker);
            var id = (await d.WorkOrder(customer, appliance, type: "Installation")).Str("id");
            await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { installerPartnerId = partner }, HttpStatusCode.OK);
            foreach (var step in new[] { "accept", "depart", "arrive" })
                await d.FrontDesk.PostOk($"/api/v1/work-orders/{id}/partner/{step}", null, HttpStatusCode.OK);
            await d.FrontDesk.PostOk($"/api/v1/work-orders/{id}/partner/complete", new { mainPart = false, labourMinutes = 90 }, HttpStatusCode.OK);
            if (store is not null) await ChainSetup.MoveToAsync(api, id, store);
        }

        var run = await d.Finance.PostOk("/api/v1/settlements/runs", new { installerPartnerId = partner, period = Period() });

        var expected = new[] { (chain.StoreA, chain.CodeA, 1L, 90m), (chain.StoreB, chain.CodeB, 2L, 180m) }
            .OrderBy(s => s.Item2, StringComparer.OrdinalIgnoreCase).Select(s => ((string?)s.Item1, s.Item3, s.Item4));
        Subtotals(run).Should().Equal(expected);
        Dec(run, "total").Should().Be(270m);
        var ofB = await chain.FinanceB.GetOk($"/api/v1/settlements/runs/{run.Str("id")}");
        Subtotals(ofB).Should().Equal([(chain.StoreB, 2L, 180m)]);
        (await chain.FinanceB.GetOk($"/api/v1/settlements/runs/{run.Str("id")}/lines"))["items"]!.AsArray()
            .Should().HaveCount(2).And.OnlyContain(l => l.Str("storeId") == chain.StoreB);
    }
}
