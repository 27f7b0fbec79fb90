using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using MiniExcelLibs;
using RepairDispatch.Tests.Infrastructure;
using static RepairDispatch.Tests.Payroll.PaySetup;

namespace RepairDispatch.Tests.Payroll;

/// <summary>
/// Technicians' pay through the API (docs/payroll.md): rates by version, a helper's share to the fen, bonuses and
/// deductions, a month calculated (again and again, the same), approved and frozen, later findings adjusted in the next
/// month, the statement in Chinese, and who sees whose pay.
/// </summary>
public class PayrollTests
{
    private static readonly object[] Flat = [new { type = "Repair", amount = 100.01m }];

    [Fact]
    public async Task ASixtyFortyShareWithAnOddFenGivesTheLeadTheRoundedShareAndTheHelperTheRest()
    {
        await using var p = await StationAsync();
        var (api, d) = (p.Api, p.D);
        await Rules(p, "2026-01-01", Flat);
        var job = await p.RepairByA();
        var helper = await p.Manager.PostOk($"/api/v1/work-orders/{job}/helpers", new { technicianId = d.TechnicianB, share = 40 });
        helper["leadShare"]!.GetValue<int>().Should().Be(60);

        var june = await Calculate(p.Finance, June);
        LinesOf(june, d.TechnicianA).Should().Equal((job, "Job", 60.01m));
        LinesOf(june, d.TechnicianB).Should().Equal((job, "HelperShare", 40.00m));
        (TotalOf(june, d.TechnicianA) + TotalOf(june, d.TechnicianB)).Should().Be(100.01m, "the two lines add up to the job");
        june["total"]!.GetValue<decimal>().Should().Be(100.01m);
        june["technicians"]!.AsArray().Single(t => t.Str("technicianId") == d.TechnicianA)!["lines"]![0].Str("text")
            .Should().Contain("主修 60%", "texts are in the caller's language, Chinese by default");

        // Posting again replaces the helper (one per job): 50/50 of 100.01 gives the lead the odd fen.
        await p.Manager.PostOk($"/api/v1/work-orders/{job}/helpers", new { technicianId = d.TechnicianB, share = 50 }, HttpStatusCode.OK);
        june = await Calculate(p.Finance, June);
        LinesOf(june, d.TechnicianA).Should().Equal((job, "Job", 50.01m));
        LinesOf(june, d.TechnicianB).Should().Equal((job, "HelperShare", 50.00m));
    }

    [Fact]
    public async Task ARuleVersionStartingMidMonthPaysEachJobByTheVersionInForceOnItsCompletionDay()
    {
        await using var p = await StationAsync();
        var (api, d) = (p.Api, p.D);
        var v1 = await Rules(p, "2026-01-01", [new { type = "Repair", amount = 50m }, new { type = "Repair", level = "Major", amount = 70m }]);
        var v2 = await Rules(p, "2026-06-15", [new { type = "Repair", amount = 60m }]);
        var before = await p.RepairByA("Major");                       // 2026-06-10, version 1: Major 70
        await p.MoveTo(2026, 6, 16);
        var after = await p.RepairByA("Major");                        // 2026-06-16, version 2: 60 for any level

        var june = await Calculate(p.Finance, June);
        LinesOf(june, d.TechnicianA).Should().BeEquivalentTo(new[] { (before, "Job", 70m), (after, "Job", 60m) }.Select(x => ((string?)x.Item1, x.Item2, x.Item3)));
        TotalOf(june, d.TechnicianA).Should().Be(130m);

        var versions = (await p.Finance.GetOk("/api/v1/payroll/rules"))["items"]!.AsArray();
        versions.Select(v => (v.Str("validFrom"), v!["validTo"]?.GetValue<string>(), v["version"]!.GetValue<int>()))
            .Should().Equal(("2026-01-01", "2026-06-15", 1), ("2026-06-15", null, 2));
        (await p.Finance.GetOk($"/api/v1/payroll/rules/{v1.Str("id")}"))["rates"]!.AsArray().Should().HaveCount(2);
        v2["rates"]![0]!["amount"]!.GetValue<decimal>().Should().Be(60m);
    }

    [Fact]
    public async Task BonusesAndDeductionsCarryTheAmountsOfTheVersionInForceAndTheirReasons()
    {
        await using var p = await StationAsync();
        var (api, d) = (p.Api, p.D);
        await Rules(p, "2026-01-01", [new { type = "Repair", amount = 80m }],
            [new { code = "FiveStarCallback", amount = 10m }, new { code = "OnTimeArrival", amount = 5m }],
            [new { code = "Rework", amount = 20m }, new { code = "UpheldComplaint", amount = 30m }, new { code = "OldPartLate", amount = 8.5m }]);
        var starred = await p.RepairByA();
        await p.Desk.PostOk($"/api/v1/callbacks/{await Claims.ClaimSetup.CallbackOf(api, starred)}/result", new { outcome = "Reached", satisfaction = 5 }, HttpStatusCode.OK);
        var reworked = await p.RepairByA();
        await p.Desk.PostOk($"/api/v1/work-orders/{reworked}/rework", new { faultDescription = "同样的故障" });
        var complained = await p.RepairByA();
        var customer = (await p.Desk.GetOk($"/api/v1/work-orders/{complained}")).Str("customerId");
        var complaint = (await p.Desk.PostOk("/api/v1/complaints", new { source = "Phone", customerId = customer, workOrderId = complained, description = "态度差" })).Str("id");
        (await p.Desk.PostOk($"/api/v1/complaints/{complaint}/resolve", new { resolution = "属实，已道歉", upheld = true }, HttpStatusCode.OK))["upheld"]!
            .GetValue<bool>().Should().BeTrue();
        var notUpheld = (await p.Desk.PostOk("/api/v1/complaints", new { source = "Phone", customerId = customer, workOrderId = complained, description = "嫌贵" })).Str("id");
        await p.Desk.PostOk($"/api/v1/complaints/{notUpheld}/resolve", new { resolution = "价格按标准" }, HttpStatusCode.OK);
        var maker = await OldParts.OldPartSetup.MakerWantingPartsBack(d, withinDays: 2);
        var withPart = await OldParts.OldPartSetup.RepairedWithPart(d, maker);
        var due = (await OldParts.OldPartSetup.PartOf(d.FrontDesk, withPart)).Str("dueOn");
        var late = DateOnly.ParseExact(due, "yyyy-MM-dd").AddDays(1);
        await p.MoveTo(late.Year, late.Month, late.Day);

        var june = await Calculate(p.Finance, June);
        var lines = LinesOf(june, d.TechnicianA);
        lines.Where(l => l.Code == "Job").Should().HaveCount(4).And.OnlyContain(l => l.Amount == 80m);
        lines.Where(l => l.Code == "OnTimeArrival").Should().HaveCount(4, "every job here was reached before its on-site deadline").And.OnlyContain(l => l.Amount == 5m);
        lines.Where(l => l.Code != "Job" && l.Code != "OnTimeArrival").Should().BeEquivalentTo(new (string?, string, decimal)[]
        {
            (starred, "FiveStarCallback", 10m), (reworked, "Rework", -20m), (complained, "UpheldComplaint", -30m), (withPart, "OldPartLate", -8.5m),
        });
        TotalOf(june, d.TechnicianA).Should().Be(4 * 85m + 10m - 20m - 30m - 8.5m).And.Be(lines.Sum(l => l.Amount));

        var en = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/payroll/periods/{June}");
        en.Headers.AcceptLanguage.ParseAdd("en");
        var english = await (await p.Finance.SendAsync(en)).Json();
        var rework = english["technicians"]![0]!["lines"]!.AsArray().Single(l => l.Str("code") == "Rework")!;
        rework.Str("text").Should().Contain("reworked within 30 days");
        rework["textCode"]!.Str("code").Should().Be("payroll.line.rework");
    }

    [Fact]
    public async Task RecalculatingAnOpenMonthGivesTheSameLines()
    {
        await using var p = await StationAsync();
        var (api, d) = (p.Api, p.D);
        await Rules(p, "2026-01-01", Flat, [new { code = "OnTimeArrival", amount = 3.33m }]);
        var job = await p.RepairByA();
        await p.Manager.PostOk($"/api/v1/work-orders/{job}/helpers", new { technicianId = d.TechnicianB, share = 40 });
        await p.RepairByA("Major");
        var first = await Calculate(p.Finance, June);
        var second = await Calculate(p.Finance, June);
        second.ToJsonString().Should().Be(first.ToJsonString());
        (await p.Finance.GetOk($"/api/v1/payroll/periods/{June}")).ToJsonString().Should().Be(first.ToJsonString());
        first["status"]!.GetValue<string>().Should().Be("Calculated");
        (await d.CountRows("payroll_lines")).Should().Be(5, "two jobs with their on-time bonus, one split with a helper: recalculating replaced, not added");
    }

    [Fact]
    public async Task AnApprovedMonthIsFrozenAndWhatIsFoundLaterIsAdjustedInTheNextMonth()
    {
        await using var p = await StationAsync();
        var (api, d) = (p.Api, p.D);
        await Rules(p, "2026-01-01", [new { type = "Repair", amount = 80m }], deductions: [new { code = "Rework", amount = 20m }]);
        var job = await p.RepairByA();
        var calculated = await Calculate(p.Finance, June);
        (await p.Finance.PostAsync($"/api/v1/payroll/periods/{June}/approve", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a manager approves");
        var approved = await Approve(p.Manager, June);
        approved["status"]!.GetValue<string>().Should().Be("Approved");

        await p.MoveTo(2026, 7, 5);
        (await (await p.Finance.PostAsync($"/api/v1/payroll/periods/{June}/calculate", null)).ShouldBeProblem(HttpStatusCode.Conflict))["detail"]!
            .GetValue<string>().Should().Contain("冻结");
        // Found after approval: a rework of June's job (July's deduction), a rule version back-dated into June, a helper added to June's job.
        await p.Desk.PostOk($"/api/v1/work-orders/{job}/rework", new { faultDescription = "又坏了" });
        await Rules(p, "2026-06-01", [new { type = "Repair", amount = 90m }], deductions: [new { code = "Rework", amount = 25m }]);
        await p.Manager.PostOk($"/api/v1/work-orders/{job}/helpers", new { technicianId = d.TechnicianB, share = 40 });

        var june = await p.Finance.GetOk($"/api/v1/payroll/periods/{June}");
        june.ToJsonString().Should().Be(approved.ToJsonString(), "an approved month is never edited");
        var july = await Calculate(p.Finance, July);
        LinesOf(july, d.TechnicianA).Should().BeEquivalentTo(new (string?, string, decimal)[]
        {
            (job, "Rework", -25m),            // the rework was created in July, under the version in force then
            (job, "Adjustment", -26m),       // June's job is now 90 × 60% = 54, 80 was paid
        });
        LinesOf(july, d.TechnicianB).Should().Equal((job, "Adjustment", 36m));
        var adjustment = july["technicians"]!.AsArray().Single(t => t.Str("technicianId") == d.TechnicianA)!["lines"]!.AsArray()
            .Single(l => l.Str("code") == "Adjustment")!;
        adjustment.Str("adjustsPeriod").Should().Be(June);
        adjustment.Str("text").Should().Be("2026-06 调整：计件");

        (await Calculate(p.Finance, July)).ToJsonString().Should().Be(july.ToJsonString(), "recalculating July adjusts June once");
        await Approve(p.Manager, July);
        await p.MoveTo(2026, 8, 3);
        var august = await Calculate(p.Finance, "2026-08");
        august["technicians"]!.AsArray().Should().BeEmpty("June was adjusted in July, which is approved: nothing is left to adjust");
        calculated["status"]!.GetValue<string>().Should().Be("Calculated");
    }

    [Fact]
    public async Task ATechnicianSeesOnlyHisOwnPayAndAnotherStoreSeesNoneOfIt()
    {
        await using var p = await StationAsync();
        var (api, d) = (p.Api, p.D);
        await Rules(p, "2026-01-01", Flat);
        var job = await p.RepairByA();
        await p.Manager.PostOk($"/api/v1/work-orders/{job}/helpers", new { technicianId = d.TechnicianB, share = 40 });
        await Calculate(p.Finance, June);

        var mine = await d.TechA.GetOk($"/api/v1/mobile/earnings?period={June}");
        mine.Str("technicianId").Should().Be(d.TechnicianA);
        mine["lines"]!.AsArray().Select(l => (l.Str("code"), l!["amount"]!.GetValue<decimal>())).Should().Equal(("Job", 60.01m));
        mine["total"]!.GetValue<decimal>().Should().Be(60.01m);
        mine["status"]!.GetValue<string>().Should().Be("Calculated");
        var his = await d.TechB.GetOk("/api/v1/mobile/earnings");
        his.Str("period").Should().Be(June, "the technician's store's month by default");
        his["lines"]!.AsArray().Select(l => l.Str("code")).Should().Equal("HelperShare");
        (await d.TechA.GetAsync($"/api/v1/payroll/periods/{June}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await d.TechA.GetAsync($"/api/v1/payroll/periods/{June}/export")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var chain = await Settlements.ChainSetup.TwoStoresAsync(api, d);
        await d.Admin.PostOk("/api/v1/users", new { username = "mgr-b", password = ApiFactory.UserPassword, role = "manager", storeId = chain.StoreB });
        var managerB = await api.ClientAs("mgr-b");
        foreach (var client in new[] { managerB, chain.FinanceB })
        {
            await (await client.GetAsync($"/api/v1/payroll/periods/{June}?storeId={d.StoreId}")).ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");
            var own = await client.GetOk($"/api/v1/payroll/periods/{June}");
            own["technicians"]!.AsArray().Should().BeEmpty();
            own["stores"]!.AsArray().Select(s => s.Str("storeId")).Should().Equal(chain.StoreB);
            var csv = await (await client.GetAsync($"/api/v1/payroll/periods/{June}/export")).Content.ReadAsStringAsync();
            csv.Should().NotContain("T-A").And.NotContain("T-B");
        }
        (await managerB.PostAsync($"/api/v1/payroll/periods/{June}/approve?storeId={d.StoreId}", null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await chain.FinanceA.GetOk($"/api/v1/payroll/periods/{June}"))["technicians"]!.AsArray().Should().HaveCount(2, "store A's finance sees store A's pay");
        var all = await p.Finance.GetOk($"/api/v1/payroll/periods/{June}");
        all["stores"]!.AsArray().Should().HaveCount(2, "headquarters sees every store");
        all["status"]!.GetValue<string>().Should().Be("Open", "store B's month is not calculated yet");
        (await p.Finance.GetOk($"/api/v1/payroll/periods/{June}?storeId={d.StoreId}"))["status"]!.GetValue<string>().Should().Be("Calculated");
    }

    [Fact]
    public async Task TheStatementIsInChineseWithASubtotalPerTechnicianAndTheTotalOfTheLines()
    {
        await using var p = await StationAsync();
        var (api, d) = (p.Api, p.D);
        await Rules(p, "2026-01-01", Flat, [new { code = "OnTimeArrival", amount = 5m }]);
        var job = await p.RepairByA();
        await p.Manager.PostOk($"/api/v1/work-orders/{job}/helpers", new { technicianId = d.TechnicianB, share = 40 });
        await p.RepairByA();
        await Calculate(p.Finance, June);

        var csvBytes = await (await p.Finance.GetAsync($"/api/v1/payroll/periods/{June}/export?format=csv")).Content.ReadAsByteArrayAsync();
        csvBytes.Take(3).Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF }, "a BOM, so Excel reads the Chinese");
        using var reader = new StreamReader(new MemoryStream(csvBytes), Encoding.UTF8);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i) ?? "").ToArray());
        rows[0].Should().Equal("月份", "门店", "技师", "工单", "类别", "说明", "金额");
        var lines = rows.Skip(1).Where(r => r[4] is not ("小计" or "合计")).ToList();
        lines.Select(r => r[4]).Should().BeEquivalentTo(["计件", "准时上门", "计件", "准时上门", "协助分成"]);
        var subtotals = rows.Where(r => r[4] == "小计").Select(r => decimal.Parse(r[6], CultureInfo.InvariantCulture)).ToList();
        subtotals.Should().Equal(60.01m + 5m + 100.01m + 5m, 40.00m);
        rows[^1][4].Should().Be("合计");
        decimal.Parse(rows[^1][6], CultureInfo.InvariantCulture).Should().Be(lines.Sum(r => decimal.Parse(r[6], CultureInfo.InvariantCulture))).And.Be(210.02m);

        var xlsx = await (await p.Finance.GetAsync($"/api/v1/payroll/periods/{June}/export?format=xlsx")).Content.ReadAsByteArrayAsync();
        var sheet = MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        sheet.Should().HaveCount(rows.Count - 1);
        Convert.ToDecimal(sheet[^1]["金额"], CultureInfo.InvariantCulture).Should().Be(210.02m);
        await (await p.Finance.GetAsync($"/api/v1/payroll/periods/{June}/export?format=pdf")).ShouldBeProblem(HttpStatusCode.BadRequest, "format");
    }
}
