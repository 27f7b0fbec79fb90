using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

/// <summary>
/// Finance's payroll screen (#/payroll) on a small June: two repairs by technician A at 80.50, the first shared 60/40
/// with technician B. Finance calculates June through the screen and downloads the statement; the manager approves it
/// (first under figures that changed meanwhile: refused), then it is frozen; in July a helper added to a June job shows
/// as marked adjustments, and headquarters' finance makes the next version of the commission rules.
/// </summary>
public partial class PayrollConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    private const string June = "2026-06", July = "2026-07";

    [BrowserFact]
    public async Task FinanceCalculatesAMonthTheManagerApprovesItAndLaterChangesShowAsAdjustmentsNextMonth()
    {
        var d = await host.Data.ReadyAsync();
        TestData.StationToday().ToString("yyyy-MM", CultureInfo.InvariantCulture).Should().Be(June, "the test clock starts in June");
        await d.Finance.PostOk("/api/v1/payroll/rules", new { validFrom = "2026-01-01", rates = new[] { new { type = "Repair", amount = 80.50m } } });
        var shared = await Repair(d);
        await d.Manager.PostOk($"/api/v1/work-orders/{shared}/helpers", new { technicianId = d.TechnicianB, share = 40 });
        var alone = await Repair(d);

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "finance1");
            await page.GetByRole(AriaRole.Link, new() { Name = "技师工资" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("技师工资结算");
            await page.GetByLabel("门店").SelectOptionAsync(d.StoreId);
            await page.GetByRole(AriaRole.Button, new() { Name = "查看", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("pay-status")).ToHaveTextAsync("未计算");

            await page.GetByRole(AriaRole.Button, new() { Name = "计算", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("pay-status")).ToHaveTextAsync("已计算，待审批");
            var view = await d.Finance.GetOk($"/api/v1/payroll/periods/{June}?storeId={d.StoreId}");
            await ShowsAsync(page, view);
            Amounts(view, d.TechnicianA).Should().BeEquivalentTo([48.30m, 80.50m], "60% of 80.50 and a job of his own");
            Amounts(view, d.TechnicianB).Should().Equal(32.20m);
            await Screenshot(page, "payroll");
            await Expect(page.GetByText("计算结果核对无误后，由维修部经理审批。")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "审批", Exact = true })).ToHaveCountAsync(0);

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "下载 CSV" }).ClickAsync());
            download.SuggestedFilename.Should().Be($"payroll-{June}-MAIN.csv");
            var csv = (await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            csv[0].Should().Be("月份,门店,技师,工单,类别,说明,金额");
            csv[^1].Should().Contain("合计").And.EndWith(",161.00");
        });

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "manager1");
            await page.GotoAsync("/#/payroll");
            await Expect(page.GetByText("本门店：MAIN Main store")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("pay-status")).ToHaveTextAsync("已计算，待审批");
            await page.GetByRole(AriaRole.Button, new() { Name = "审批", Exact = true }).ClickAsync();
            await Expect(page.GetByText("审批后 2026年6月 的工资即冻结（合计 ¥161.00）")).ToBeVisibleAsync();

            // While the manager reads, a third job is completed and finance calculates again: he approves figures he was not shown.
            await Repair(d);
            (await d.Finance.PostAsync($"/api/v1/payroll/periods/{June}/calculate", null)).StatusCode.Should().Be(HttpStatusCode.OK);
            await page.GetByRole(AriaRole.Button, new() { Name = "确认审批" }).ClickAsync();
            await Expect(page.Locator("p.form-error")).ToContainTextAsync("数据已被他人修改");
            await Expect(page.GetByTestId($"pay-technician-{d.TechnicianA}").Locator("tr.pay-line")).ToHaveCountAsync(3);
            await Expect(page.GetByTestId("pay-total")).ToContainTextAsync("241.50");
            await Expect(page.GetByTestId("pay-status")).ToHaveTextAsync("已计算，待审批");

            await page.GetByRole(AriaRole.Button, new() { Name = "审批", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "确认审批" }).ClickAsync();
            await Expect(page.GetByTestId("pay-status")).ToHaveTextAsync("已审批（冻结）");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "计算", Exact = true })).ToBeDisabledAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "审批", Exact = true })).ToHaveCountAsync(0);
        });
        (await d.Manager.GetOk($"/api/v1/payroll/periods/{June}"))["status"]!.GetValue<string>().Should().Be("Approved");

        // July: B is found to have helped on A's own June job, half and half: June is frozen, so July adjusts it.
        host.Clock.Set(new DateTimeOffset(2026, 7, 2, 10, 0, 0, TimeSpan.FromHours(8)));
        var manager = await Claims.ClaimSetup.SignInNow(host, "manager1");
        await manager.PostOk($"/api/v1/work-orders/{alone}/helpers", new { technicianId = d.TechnicianB, share = 50 });
        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "finance1");
            await page.GotoAsync("/#/payroll");
            await Expect(page.GetByLabel("月份")).ToHaveValueAsync(July);
            await page.GetByRole(AriaRole.Button, new() { Name = "计算", Exact = true }).ClickAsync();
            var adjustments = page.Locator("tr.pay-adjustment");
            await Expect(adjustments).ToHaveCountAsync(2);
            await Expect(adjustments.First).ToContainTextAsync("补调 2026年6月");
            var view = await (await Claims.ClaimSetup.SignInNow(host, "finance1")).GetOk($"/api/v1/payroll/periods/{July}");
            await ShowsAsync(page, view);
            Amounts(view, d.TechnicianA).Should().Equal(-40.25m);
            Amounts(view, d.TechnicianB).Should().Equal(40.25m);
            await Screenshot(page, "payroll-adjustments");

            // Headquarters' finance makes version 2 from version 1's amounts: a day before version 1 is refused, then August 1st.
            var rules = page.GetByTestId("pay-rules");
            await rules.Locator("summary").First.ClickAsync();
            await rules.GetByText("制定第 2 版").ClickAsync();
            var next = page.GetByTestId("pay-next-version");
            await next.GetByLabel("第 1 条每单金额").FillAsync("90");
            await next.GetByLabel("生效日期").FillAsync("2025-12-31");
            await next.GetByRole(AriaRole.Button, new() { Name = "保存新版本" }).ClickAsync();
            await Expect(next.Locator(".field-error").First).ToContainTextAsync("新版本须晚于最新版本的生效日 2026-01-01");
            await Expect(next.GetByLabel("生效日期")).ToHaveValueAsync("2025-12-31");
            await next.GetByLabel("生效日期").FillAsync("2026-08-01");
            await next.GetByRole(AriaRole.Button, new() { Name = "保存新版本" }).ClickAsync();
            await Expect(rules.Locator("h3").First).ToHaveTextAsync("第 2 版：2026-08-01 起，至 今");
            await Expect(rules.Locator("table").Nth(1)).ToContainTextAsync("¥90.00");
        });
        await VersionTwoIsSavedAsync();
    }

    private async Task VersionTwoIsSavedAsync()
    {
        var versions = (await (await Claims.ClaimSetup.SignInNow(host, "finance1")).GetOk("/api/v1/payroll/rules"))["items"]!.AsArray();
        versions.Select(v => v.Str("validFrom")).Should().Equal("2026-01-01", "2026-08-01");
        versions[1]!["rates"]![0]!["amount"]!.GetValue<decimal>().Should().Be(90m);
    }

    /// <summary>The screen shows every line of the API's view (its reason, its amount), each technician's subtotal and the total.</summary>
    private static async Task ShowsAsync(IPage page, JsonObject view)
    {
        foreach (var technician in view["technicians"]!.AsArray())
        {
            var section = page.GetByTestId($"pay-technician-{technician.Str("technicianId")}");
            var lines = technician!["lines"]!.AsArray();
            await Expect(section.Locator("tr.pay-line")).ToHaveCountAsync(lines.Count);
            (await section.Locator("tr.pay-line td:nth-child(2)").AllInnerTextsAsync()).Should().Equal(lines.Select(l => l.Str("text")));
            (await section.Locator("tr.pay-line td.num").AllInnerTextsAsync()).Select(Yuan).Should().Equal(lines.Select(l => l!["amount"]!.GetValue<decimal>()));
            Yuan(await section.GetByTestId("pay-subtotal").InnerTextAsync()).Should().Be(technician["total"]!.GetValue<decimal>());
        }
        Yuan(await page.GetByTestId("pay-total").InnerTextAsync()).Should().Be(view["total"]!.GetValue<decimal>());
    }

    private static List<decimal> Amounts(JsonObject view, string technicianId) =>
        view["technicians"]!.AsArray().Single(t => t.Str("technicianId") == technicianId)!["lines"]!.AsArray()
            .Select(l => l!["amount"]!.GetValue<decimal>()).ToList();

    [GeneratedRegex(@"[^\d.\-]")]
    private static partial Regex NotANumber();

    /// <summary>"¥48.30", "-¥40.25" as the console prints money: two decimals of yuan.</summary>
    private static decimal Yuan(string shown)
    {
        shown.Should().MatchRegex(@"\.\d\d$", "yuan with two decimals");
        return decimal.Parse(NotANumber().Replace(shown.Replace('−', '-'), ""), CultureInfo.InvariantCulture);
    }

    /// <summary>An out-of-warranty repair completed by technician A today.</summary>
    private static async Task<string> Repair(TestData d)
    {
        var (customer, appliance) = await d.CustomerWithAppliance();
        var id = (await d.WorkOrder(customer, appliance)).Str("id");
        await d.CompleteByTechnicianA(id);
        return id;
    }

    /// <summary>With REPAIRDISPATCH_SCREENSHOTS=1, the screen as finance sees it goes to docs/screenshots (committed).</summary>
    private static async Task Screenshot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("REPAIRDISPATCH_SCREENSHOTS") != "1") return;
        var docs = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "docs", "screenshots");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(docs, $"{name}.png"), FullPage = true });
    }
}
