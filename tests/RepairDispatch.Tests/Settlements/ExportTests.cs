using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using MiniExcelLibs;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Settlements;

/// <summary>
/// The run export: CSV (BOM, en/zh headers, a subtotal row per store, a total row) and XLSX (Summary, Lines and Stores
/// sheets), totals to the cent. Here one store's three lines and one adjustment of the whole run (the chain's own line).
/// </summary>
public class ExportTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static DateOnly Today() => TestData.StationToday();

    private static string Period() => Today().ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private async Task<string> ContractedManufacturer(TestData d, string name)
    {
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", new
        {
            validFrom = Today().AddYears(-1).ToString("yyyy-MM-dd"), categories = new[] { "WashingMachine" },
            fees = new
            {
                repair = new[] { new { category = "WashingMachine", level = "Minor", amount = 80.50m } },
                installation = new[] { new { category = "WashingMachine", amount = 120m } }, partsReimbursement = "AtCost",
            },
        });
        return maker;
    }

    private static async Task Complete(TestData d, string id)
    {
        await d.CompleteByTechnicianA(id, "Minor", 45);
    }

    /// <summary>A manufacturer with a Chinese name, three completed orders, a run for this month and one negative adjustment.</summary>
    private async Task<(TestData D, JsonObject Run, JsonArray Lines, string Name)> RunWithLines()
    {
        var d = await api.Data.ReadyAsync();
        var name = "海尔 " + Guid.NewGuid().ToString("N")[..8];
        var maker = await ContractedManufacturer(d, name);
        for (var i = 0; i < 3; i++)
        {
            var (customer, appliance) = await d.CustomerWithAppliance(Today().AddMonths(-3), manufacturerId: maker);
            await Complete(d, (await d.WorkOrder(customer, appliance)).Str("id"));
        }
        var run = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period() });
        run = await d.Finance.PostOk($"/api/v1/settlements/runs/{run.Str("id")}/adjustments", new { amount = -10.25m, description = "少收 goodwill, \"quoted\"" });
        var lines = (await d.Finance.GetOk($"/api/v1/settlements/runs/{run.Str("id")}/lines"))["items"]!.AsArray();
        lines.Should().HaveCount(4);
        return (d, run, lines, name);
    }

    private static Dictionary<string, decimal> Amounts(JsonArray lines) =>
        lines.ToDictionary(l => l.Str("id"), l => l!["amount"]!.GetValue<decimal>());

    private static async Task<(byte[] Bytes, HttpResponseMessage Response)> Download(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        return (bytes, response);
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
    public async Task CsvHasABomEveryLineAndATotalRowEqualToTheRunTotal()
    {
        var (d, run, lines, _) = await RunWithLines();
        var total = run["total"]!.GetValue<decimal>();

        var (bytes, response) = await Download(d.Finance, $"/api/v1/settlements/runs/{run.Str("id")}/export?format=csv");
        var (zhBytes, _) = await Download(d.Finance, $"/api/v1/settlements/runs/{run.Str("id")}/export?format=csv&lang=zh");

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var rows = ParseCsv(bytes);
        rows[0].Should().Equal("Line", "Work order", "Kind", "Description", "Amount (CNY)", "Disputed", "Dispute reason", "Store");
        var body = rows.Skip(1).Where(r => r[0] != "").ToList();
        body.ToDictionary(r => r[0], r => decimal.Parse(r[4], CultureInfo.InvariantCulture)).Should().Equal(Amounts(lines));
        body.Select(r => r[4]).Should().AllSatisfy(a => a.Should().MatchRegex(@"^-?\d+\.\d\d$", "amounts carry exactly two decimals"));
        body.Should().Contain(r => r[3] == "少收 goodwill, \"quoted\"" && r[4] == "-10.25");
        rows.Skip(1).SkipLast(1).Where(r => r[0] == "").Select(r => (r[2], r[4])).Should()
            .Equal([("Subtotal", "241.50"), ("Subtotal", "-10.25")], "the store's section, then the chain's own adjustment");
        rows[4][7].Should().Be(body[0][7]).And.NotBe("Chain (no store)");
        rows[^2][7].Should().Be("Chain (no store)");
        rows[^1][2].Should().Be("Total");
        decimal.Parse(rows[^1][4], CultureInfo.InvariantCulture).Should().Be(total);
        total.Should().Be(3 * 80.50m - 10.25m);

        var zh = ParseCsv(zhBytes);
        zhBytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        zh[0].Should().Equal("行号", "工单号", "类型", "说明", "金额(元)", "有争议", "争议原因", "门店");
        zh.Skip(1).Where(r => r[0] != "").Select(r => r[2]).Should().BeSubsetOf(["维修费", "调整"], "kinds are named in Chinese too");
        zh.Skip(1).SkipLast(1).Where(r => r[0] == "").Select(r => r[2]).Should().Equal("小计", "小计");
        zh[^2][7].Should().Be("总部(不属门店)");
        zh[^1][2].Should().Be("合计");
        decimal.Parse(zh[^1][4], CultureInfo.InvariantCulture).Should().Be(total);
    }

    [Fact]
    public async Task XlsxHasASummaryAndALinesSheetThatMatchTheRun()
    {
        var (d, run, lines, name) = await RunWithLines();

        var (bytes, response) = await Download(d.Finance, $"/api/v1/settlements/runs/{run.Str("id")}/export?format=xlsx");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.FileName!.Trim('"').Should().EndWith($"-{Period()}.xlsx").And.StartWith("settlement-");
        disposition.FileNameStar.Should().Be($"settlement-{name.Replace(' ', '-')}-{Period()}.xlsx");

        using var stream = new MemoryStream(bytes);
        MiniExcel.GetSheetNames(stream).Should().Equal("Summary", "Lines", "Stores");
        var summary = stream.Query(useHeaderRow: true, sheetName: "Summary").Cast<IDictionary<string, object>>().Single();
        summary["Run"].Should().Be(run.Str("id"));
        summary["Party"].Should().Be(name);
        summary["Period"].Should().Be(Period());
        summary["Status"].Should().Be("Draft");
        Convert.ToInt64(summary["Lines"], CultureInfo.InvariantCulture).Should().Be(4);
        decimal.Round(Convert.ToDecimal(summary["Amount (CNY)"], CultureInfo.InvariantCulture), 2).Should().Be(run["total"]!.GetValue<decimal>());

        var sheet = stream.Query(useHeaderRow: true, sheetName: "Lines").Cast<IDictionary<string, object>>().ToList();
        decimal AmountOf(IDictionary<string, object> row) => decimal.Round(Convert.ToDecimal(row["Amount (CNY)"], CultureInfo.InvariantCulture), 2);
        var body = sheet.Where(r => r["Line"] is string).ToList();
        body.ToDictionary(r => (string)r["Line"], AmountOf).Should().Equal(Amounts(lines));
        body.Sum(AmountOf).Should().Be(run["total"]!.GetValue<decimal>());
        sheet.SkipLast(1).Where(r => r["Line"] is null).Select(r => ((string)r["Kind"], AmountOf(r))).Should().Equal(("Subtotal", 241.50m), ("Subtotal", -10.25m));
        sheet[^1]["Kind"].Should().Be("Total");
        AmountOf(sheet[^1]).Should().Be(run["total"]!.GetValue<decimal>());
        var stores = stream.Query(useHeaderRow: true, sheetName: "Stores").Cast<IDictionary<string, object>>().ToList();
        stores.Select(r => decimal.Round(Convert.ToDecimal(r["Amount (CNY)"], CultureInfo.InvariantCulture), 2)).Should().Equal(241.50m, -10.25m, 231.25m);
        stores.Select(r => Convert.ToInt64(r["Lines"], CultureInfo.InvariantCulture)).Should().Equal(3, 1, 4);
        stores[^1]["Store"].Should().Be("Total");
    }

    [Fact]
    public async Task XlsxInChineseNamesColumnsKindsAndStatusInChinese()
    {
        var (d, run, lines, name) = await RunWithLines();

        var (bytes, _) = await Download(d.Finance, $"/api/v1/settlements/runs/{run.Str("id")}/export?format=xlsx&lang=zh");

        using var stream = new MemoryStream(bytes);
        var summary = stream.Query(useHeaderRow: true, sheetName: "Summary").Cast<IDictionary<string, object>>().Single();
        summary.Keys.Should().Equal("结算单号", "结算方", "期间", "状态", "行数", "金额(元)");
        summary["结算方"].Should().Be(name);
        summary["状态"].Should().Be("草稿");
        var sheet = stream.Query(useHeaderRow: true, sheetName: "Lines").Cast<IDictionary<string, object>>().ToList();
        sheet.Where(r => r["行号"] is string).Select(r => (string)r["类型"]).Should().BeSubsetOf(["维修费", "调整"]);
        sheet.Should().HaveCount(lines.Count + 2 + 1, "the lines, a subtotal per section, the total");
        sheet[^1]["类型"].Should().Be("合计");
        decimal.Round(Convert.ToDecimal(sheet[^1]["金额(元)"], CultureInfo.InvariantCulture), 2).Should().Be(run["total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task CsvFileNameCarriesThePeriodAndAnAsciiFallback()
    {
        var (d, run, _, name) = await RunWithLines();

        var (_, response) = await Download(d.Finance, $"/api/v1/settlements/runs/{run.Str("id")}/export");

        var header = response.Content.Headers.GetValues("Content-Disposition").Single();
        header.Should().StartWith("attachment").And.Contain($"-{Period()}.csv").And.Contain("filename*=UTF-8''");
        header.Should().MatchRegex("^[\\x20-\\x7E]+$", "the header itself is ASCII: the Chinese name is percent-encoded");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be($"settlement-{name.Replace(' ', '-')}-{Period()}.csv");
    }

    [Fact]
    public async Task AnEmptyRunExportsAZeroTotal()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ContractedManufacturer(d, "Empty " + Guid.NewGuid().ToString("N")[..8]);
        var run = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period() });

        var (csv, _) = await Download(d.Finance, $"/api/v1/settlements/runs/{run.Str("id")}/export?format=csv");
        var (xlsx, response) = await Download(d.Finance, $"/api/v1/settlements/runs/{run.Str("id")}/export?format=xlsx");

        ParseCsv(csv).Should().HaveCount(2).And.Subject.Last()[4].Should().Be("0.00");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().StartWith("settlement-empty-");
        using var stream = new MemoryStream(xlsx);
        MiniExcel.GetSheetNames(stream).Should().Equal("Summary", "Lines", "Stores");
        Convert.ToInt64(stream.Query(useHeaderRow: true, sheetName: "Summary").Cast<IDictionary<string, object>>().Single()["Lines"], CultureInfo.InvariantCulture)
            .Should().Be(0);
    }

    [Fact]
    public async Task UnknownFormatIsRefusedUnknownRunIsNotFoundAndTechniciansAreForbidden()
    {
        var d = await api.Data.ReadyAsync();
        var missing = Guid.NewGuid();

        await (await d.Finance.GetAsync($"/api/v1/settlements/runs/{missing}/export?format=pdf")).ShouldBeProblem(HttpStatusCode.BadRequest, "format");
        await (await d.Finance.GetAsync($"/api/v1/settlements/runs/{missing}/export?format=csv&lang=fr")).ShouldBeProblem(HttpStatusCode.BadRequest, "lang");
        await (await d.Finance.GetAsync($"/api/v1/settlements/runs/{missing}/export?format=csv")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await d.Finance.GetAsync($"/api/v1/settlements/runs/{missing}/export?format=xlsx")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await d.TechA.GetAsync($"/api/v1/settlements/runs/{missing}/export?format=csv")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}
