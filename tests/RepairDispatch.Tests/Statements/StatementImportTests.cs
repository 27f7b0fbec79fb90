using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Statements;

/// <summary>Statement files as portals export them, imported through the API: each messy case, and bad files refused whole.</summary>
public class StatementImportTests(StationFixture api) : IClassFixture<StationFixture>
{
    private const string Period = "2026-10";

    internal static async Task<string> ManufacturerWithMapping(TestData d, object? mapping = null)
    {
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "海尔 " + Guid.NewGuid().ToString("N")[..8] })).Str("id");
        var put = await d.Finance.PutAsJsonAsync($"/api/v1/manufacturers/{maker}/statement-mapping", mapping ?? TestStatements.Mapping());
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        return maker;
    }

    private static object?[] Line(int n, string number, object? approved, object? completedOn = null, object? claimed = null, object? cut = null,
        string? reason = null, string status = "通过", string? serial = null) =>
        [n, number, "HR" + n, serial, completedOn, claimed ?? approved, approved, cut, reason, status];

    private async Task<(HttpResponseMessage Response, string Body)> Import(HttpClient client, byte[] file, string maker, string period = Period, string fileName = "结算单.xlsx")
    {
        var response = await client.PostAsync("/api/v1/settlements/statements", TestStatements.Form(file, maker, period, fileName));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private sealed class LineRow
    {
        public long RowNumber { get; init; }
        public string? WorkOrderNumber { get; init; }
        public string? CompletedOn { get; init; }
        public long? ClaimedFen { get; init; }
        public long ApprovedFen { get; init; }
        public long? DeductionFen { get; init; }
        public string? DeductionReason { get; init; }
        public string Status { get; init; } = "";
    }

    private async Task<List<LineRow>> LinesOf(string statementId)
    {
        await using var c = await api.Db.OpenAsync();
        return [.. await c.QueryAsync<LineRow>(
            "SELECT row_number, work_order_number, completed_on, claimed_fen, approved_fen, deduction_fen, deduction_reason, status FROM statement_lines WHERE statement_id = @Id ORDER BY row_number",
            new { Id = statementId })];
    }

    private async Task<long> StatementsOf(string maker)
    {
        await using var c = await api.Db.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM statements WHERE manufacturer_id = @Id", new { Id = maker });
    }

    [Fact]
    public async Task AnXlsxWithTitleRowsMergedCellsAndATotalsRowImportsOnlyItsLines()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithMapping(d);
        var rows = TestStatements.Portal(
            Line(1, "WO-20261003-0001", 80.5, "2026-10-03"),
            Line(2, "WO-20261003-0002", 130, null, claimed: 150, cut: 20, reason: "旧件未返厂"),
            Line(3, "WO-20261005-0003", 0, "2026-10-05", claimed: 80.5, reason: "机身条码无效", status: "驳回"));
        rows[4]![9] = "通过"; // 审核状态 merged over the first two lines: the second line's cell is empty in the file
        rows[5]![9] = null;
        rows[5]![4] = null;  // 完工日期 merged with the line above
        var file = TestStatements.Xlsx(rows, [.. TestStatements.PortalMerges, "J5:J6", "E5:E6"]);

        var (response, body) = await Import(d.Finance, file, maker);

        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var imported = await response.Json();
        imported["lineCount"]!.GetValue<int>().Should().Be(3, "title, note, empty, header, totals and the note below are not lines");
        imported["total"]!.GetValue<decimal>().Should().Be(210.50m, "80.50 + 130.00 approved + 0 for the rejected one");
        imported.Str("period").Should().Be(Period);
        var lines = await LinesOf(imported.Str("id"));
        lines.Select(l => l.RowNumber).Should().Equal(5, 6, 7);
        lines[1].Status.Should().Be("Approved", "the merged status cell is filled from its first cell");
        lines[1].CompletedOn.Should().StartWith("2026-10-03", "the merged date too");
        lines[1].ApprovedFen.Should().Be(13000);
        lines[1].ClaimedFen.Should().Be(15000);
        lines[1].DeductionFen.Should().Be(2000);
        lines[1].DeductionReason.Should().Be("旧件未返厂");
        lines[2].Status.Should().Be("Rejected");
        lines[2].ApprovedFen.Should().Be(0);
        lines[2].ClaimedFen.Should().Be(8050);
    }

    [Fact]
    public async Task AmountsWithYuanSignsSeparatorsAndFullWidthDigitsAreReadToTheFenRoundedHalfUp()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithMapping(d);
        var file = TestStatements.Xlsx(TestStatements.Portal(
            Line(1, "WO-A-1", "¥1,234.56"),
            Line(2, "WO-A-2", "１，２３４．５６"),
            Line(3, "WO-A-3", "￥ 80.505"),
            Line(4, "WO-A-4", 12.345),
            Line(5, "WO-A-5", "2,000元"),
            Line(6, "WO-A-6", "(15.00)")), TestStatements.PortalMerges);

        var (response, body) = await Import(d.Finance, file, maker);

        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        (await LinesOf((await response.Json()).Str("id"))).Select(l => l.ApprovedFen).Should().Equal(123456, 123456, 8051, 1235, 200000, -1500);
    }

    [Fact]
    public async Task DatesAsExcelSerialsAndInChineseFormsAreDays()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithMapping(d);
        var file = TestStatements.Xlsx(TestStatements.Portal(
            Line(1, "WO-D-1", 10, 46300),
            Line(2, "WO-D-2", 10, "46300"),
            Line(3, "WO-D-3", 10, "2026年10月5日"),
            Line(4, "WO-D-4", 10, "2026/10/5"),
            Line(5, "WO-D-5", 10, "2026.10.05"),
            Line(6, "WO-D-6", 10, "20261005"),
            Line(7, "WO-D-7", 10, "２０２６－１０－０５")), TestStatements.PortalMerges);

        var (response, body) = await Import(d.Finance, file, maker);

        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        (await LinesOf((await response.Json()).Str("id"))).Select(l => l.CompletedOn![..10]).Should().AllBe("2026-10-05", "Excel serial 46300 is 2026-10-05");
    }

    [Theory]
    [InlineData("GBK", false)]
    [InlineData("UTF-8", true)]
    [InlineData("UTF-8", false)]
    public async Task CsvInGbkOrUtf8IsReadTheSame(string encoding, bool bom)
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithMapping(d);
        var rows = TestStatements.Portal(
            Line(1, "WO-C-1", "1,080.50", "2026-10-03", reason: "少报, 已补"),
            Line(2, "WO-C-2", 0, "2026-10-04", claimed: 99, reason: "旧件未返厂，扣款", status: "驳回"));
        var file = TestStatements.Csv(rows, encoding == "GBK" ? TestStatements.Gbk() : new UTF8Encoding(false), bom);

        var (response, body) = await Import(d.Finance, file, maker, fileName: "statement.csv");

        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var lines = await LinesOf((await response.Json()).Str("id"));
        lines.Select(l => l.ApprovedFen).Should().Equal(108050, 0);
        lines[0].DeductionReason.Should().Be("少报, 已补", "a quoted comma is part of the field");
        lines[1].DeductionReason.Should().Be("旧件未返厂，扣款", "decoded, and kept as written (full-width comma)");
        lines[1].Status.Should().Be("Rejected");
    }

    [Theory]
    [InlineData("zh-CN", "第 7 行“审核金额”列（G7）：“约八十元”不是金额。", "第 8 行“完工日期”列（E8）：“上周三”不是日期。")]
    [InlineData("en", "Row 7, column “审核金额” (G7): “约八十元” is not an amount.", "Row 8, column “完工日期” (E8): “上周三” is not a date.")]
    public async Task ABadAmountOrDateRefusesTheWholeFileNamingRowAndColumnInTheCallersLanguage(string language, string amount, string date)
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithMapping(d);
        var file = TestStatements.Xlsx(TestStatements.Portal(
            Line(1, "WO-B-1", 10),
            Line(2, "WO-B-2", 10),
            Line(3, "WO-B-3", "约八十元", claimed: 80),
            Line(4, "WO-B-4", 10, "上周三")), TestStatements.PortalMerges);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/settlements/statements") { Content = TestStatements.Form(file, maker, Period) };
        request.Headers.AcceptLanguage.ParseAdd(language);

        var problem = await (await d.Finance.SendAsync(request)).ShouldBeProblem(HttpStatusCode.BadRequest, "file");

        problem["errors"]!["file"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal(amount, date);
        var code = problem["errorCodes"]!["file"]![0]!;
        code.Str("code").Should().Be("statement.amount");
        code["args"]!["row"]!.GetValue<int>().Should().Be(7);
        code["args"]!.Str("cell").Should().Be("G7");
        (await StatementsOf(maker)).Should().Be(0, "nothing of a refused file is kept");
    }

    [Fact]
    public async Task FilesThatAreNotTablesOrHaveNoHeaderRowAreRefusedNamingTheFile()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithMapping(d);
        var png = Photos.TestImages.Png(3);
        var zip = Photos.TestImages.Zip();
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        var otherHeaders = TestStatements.Xlsx([["单号", "金额"], ["WO-1", 10]]);

        foreach (var (file, code) in new[] { (png, "statement.not-a-table"), (zip, "statement.not-a-table"), (xls, "statement.old-excel"), (otherHeaders, "statement.header-not-found") })
        {
            var (response, body) = await Import(d.Finance, file, maker);
            var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, "file");
            problem["errorCodes"]!["file"]![0].Str("code").Should().Be(code, body);
        }
        (await StatementsOf(maker)).Should().Be(0);
    }

    [Fact]
    public async Task TheMappedSheetIsReadAndAMissingOneIsNamedWithTheSheetsThereAre()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithMapping(d, TestStatements.Mapping(sheet: "明细"));
        var rows = TestStatements.Portal(Line(1, "WO-T-1", 10));

        var (wrong, _) = await Import(d.Finance, TestStatements.Xlsx(rows, sheet: "汇总"), maker);
        var (right, body) = await Import(d.Finance, TestStatements.Xlsx(rows, sheet: "明细"), maker);

        var problem = await wrong.ShouldBeProblem(HttpStatusCode.BadRequest, "file");
        problem["errorCodes"]!["file"]![0].Str("code").Should().Be("statement.sheet-not-found");
        problem["errors"]!["file"]![0]!.GetValue<string>().Should().Contain("明细").And.Contain("汇总");
        right.StatusCode.Should().Be(HttpStatusCode.Created, body);
    }

    [Fact]
    public async Task TheSameFileTwiceIsRefusedNamingTheFirstImport()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithMapping(d);
        var file = TestStatements.Xlsx(TestStatements.Portal(Line(1, "WO-S-1", 10)), TestStatements.PortalMerges);
        var (first, firstBody) = await Import(d.Finance, file, maker);
        first.StatusCode.Should().Be(HttpStatusCode.Created, firstBody);

        var (again, _) = await Import(d.Finance, file, maker, period: "2026-11", fileName: "renamed.xlsx");

        var problem = await again.ShouldBeProblem(HttpStatusCode.Conflict);
        var id = (await first.Json()).Str("id");
        problem.Str("statementId").Should().Be(id);
        problem.Str("detail").Should().Contain(id).And.Contain(Period);
        (await StatementsOf(maker)).Should().Be(1);
    }

    [Fact]
    public async Task AnImportRetriedWithItsIdempotencyKeyGetsTheFirstAnswerAndImportsOnce()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithMapping(d);
        var file = TestStatements.Xlsx(TestStatements.Portal(Line(1, "WO-I-1", 10)), TestStatements.PortalMerges);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/settlements/statements") { Content = TestStatements.Form(file, maker, Period, boundary: "retry-" + key) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await d.Finance.SendAsync(Request());
        var retry = await d.Finance.SendAsync(Request());

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await retry.Json()).Str("id").Should().Be((await first.Json()).Str("id"));
        (await StatementsOf(maker)).Should().Be(1);
    }

    [Fact]
    public async Task PreviewShowsTheHeaderRowTheFirstLinesAsMappedAndTheProblemsByRow()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithMapping(d);
        var file = TestStatements.Xlsx(TestStatements.Portal(Line(1, "WO-P-1", "¥80.50", 46300), Line(2, "WO-P-2", "abc", claimed: 10)), TestStatements.PortalMerges);

        var response = await d.Finance.PostAsync("/api/v1/settlements/statements/preview", TestStatements.Form(file, maker));
        var preview = await response.Json();

        response.StatusCode.Should().Be(HttpStatusCode.OK, preview.ToJsonString());
        preview["headerRow"]!.GetValue<int>().Should().Be(4);
        preview["columns"]!.AsArray().Single(c => c.Str("field") == "approvedAmount").Str("column").Should().Be("G");
        preview["rows"]!.AsArray().Should().ContainSingle();
        preview["rows"]![0]!["approvedAmount"]!.GetValue<decimal>().Should().Be(80.50m);
        preview["rows"]![0].Str("completedOn").Should().Be("2026-10-05");
        preview["problems"]![0]!["row"]!.GetValue<int>().Should().Be(6);
        preview["problems"]![0].Str("cell").Should().Be("G6");
        (await StatementsOf(maker)).Should().Be(0, "a preview writes nothing");
    }

    [Fact]
    public async Task PreviewOfAnUnmappedManufacturerShowsTheFilesTopRowsToWriteTheMappingFrom()
    {
        var d = await api.Data.ReadyAsync();
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "美的 " + Guid.NewGuid().ToString("N")[..8] })).Str("id");
        var file = TestStatements.Xlsx(TestStatements.Portal(Line(1, "WO-U-1", 10)), TestStatements.PortalMerges);

        var preview = await (await d.Finance.PostAsync("/api/v1/settlements/statements/preview", TestStatements.Form(file, maker))).Json();

        preview["problems"]![0]!["problemCode"].Str("code").Should().Be("statement.no-mapping");
        preview["topRows"]!.AsArray().Select(r => r![1]?.GetValue<string>()).Should().Contain("工单号");
    }

    [Fact]
    public async Task PreviewOfAFileWithoutTheMappedHeadersNamesTheMissingOnesAndShowsTheTopRows()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithMapping(d);
        var file = TestStatements.Csv([["结算单"], ["单号", "审核金额"], ["WO-1", "10"]], new System.Text.UTF8Encoding(false));

        var preview = await (await d.Finance.PostAsync("/api/v1/settlements/statements/preview", TestStatements.Form(file, maker, fileName: "x.csv"))).Json();

        preview["headerRow"].Should().BeNull();
        preview["problems"]![0]!["problemCode"].Str("code").Should().Be("statement.header-not-found");
        preview["problems"]![0]!["problemCode"]!["args"]!["headers"]!.AsArray().Select(h => h!.GetValue<string>())
            .Should().Contain("工单号").And.NotContain("审核金额", "the best row has it");
        preview["problems"]![0].Str("problem").Should().Contain("工单号、厂家单号、机身条码", "a list of headers reads as a list");
        preview["topRows"]![1]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("单号", "审核金额");
    }

    [Fact]
    public async Task TheMappingIsGuardedByIfMatchSoTwoFinanceUsersCannotOverwriteEachOther()
    {
        var d = await api.Data.ReadyAsync();
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "格力 " + Guid.NewGuid().ToString("N")[..8] })).Str("id");
        var url = $"/api/v1/manufacturers/{maker}/statement-mapping";
        Task<HttpResponseMessage> Put(string? ifMatch, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return d.Finance.SendAsync(request);
        }

        await (await d.Finance.GetAsync(url)).ShouldBeProblem(HttpStatusCode.NotFound);
        var created = await Put(null, TestStatements.Mapping());
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        created.Headers.ETag!.Tag.Should().Be("\"1\"");
        await (await Put(null, TestStatements.Mapping(headerRow: 4))).ShouldBeProblem(HttpStatusCode.PreconditionRequired);
        (await Put("\"1\"", TestStatements.Mapping(headerRow: 4))).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await Put("\"1\"", TestStatements.Mapping(headerRow: 5))).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await (await Put("\"2\"", new { columns = new { approvedAmount = "审核金额" } })).ShouldBeProblem(HttpStatusCode.BadRequest, "columns");
        await (await Put("\"2\"", new { columns = new { workOrderNumber = "金额", approvedAmount = " 金额" } })).ShouldBeProblem(HttpStatusCode.BadRequest, "columns.approvedAmount");
        await (await Put("\"2\"", new { columns = new { workOrderNumber = "单号", approvedAmount = "金额" }, reasons = new[] { new { contains = " ", reason = "Other" } } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "reasons[0].contains");

        var read = await d.Finance.GetAsync(url);
        var mapping = await read.Json();
        read.Headers.ETag!.Tag.Should().Be("\"2\"");
        mapping["headerRow"]!.GetValue<int>().Should().Be(4);
        mapping["columns"].Str("approvedAmount").Should().Be("审核金额");
        mapping["rejectedWords"]!.AsArray().Select(w => w!.GetValue<string>()).Should().Contain("驳回");
        mapping["reasons"]![0].Str("reason").Should().Be("PartNotReturned");
    }

    [Fact]
    public async Task TechniciansAndTheFrontDeskMayNotTouchStatements()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ManufacturerWithMapping(d);
        var file = TestStatements.Xlsx(TestStatements.Portal(Line(1, "WO-R-1", 10)), TestStatements.PortalMerges);

        foreach (var client in new[] { d.FrontDesk, d.TechA })
        {
            await (await client.PostAsync("/api/v1/settlements/statements", TestStatements.Form(file, maker, Period))).ShouldBeProblem(HttpStatusCode.Forbidden);
            await (await client.PostAsync("/api/v1/settlements/statements/preview", TestStatements.Form(file, maker))).ShouldBeProblem(HttpStatusCode.Forbidden);
            await (await client.PutAsJsonAsync($"/api/v1/manufacturers/{maker}/statement-mapping", TestStatements.Mapping())).ShouldBeProblem(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/api/v1/manufacturers/{maker}/statement-mapping")).ShouldBeProblem(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/api/v1/settlements/statements/{Guid.NewGuid()}/reconciliation")).ShouldBeProblem(HttpStatusCode.Forbidden);
        }
        (await StatementsOf(maker)).Should().Be(0);
    }
}
