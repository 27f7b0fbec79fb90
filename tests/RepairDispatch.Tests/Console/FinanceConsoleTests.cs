using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

public class FinanceConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [BrowserFact]
    public async Task FinanceOpensThisMonthsRunAndDownloadsItsCsv()
    {
        var (order, period, _) = await ThisMonthsRunWithOneRepair("美的");

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "finance1");
            await page.GetByRole(AriaRole.Link, new() { Name = $"查看 美的 {period}" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"美的 · {period}");
            await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("草稿");
            var storeRow = page.Locator("tr[data-testid^='store-']");
            await Expect(storeRow).ToHaveCountAsync(1);
            await Expect(storeRow).ToContainTextAsync("80.50");

            // Headquarters picks the store: the page shows that store's part, and its subtotal.
            await page.Locator("section[aria-labelledby=stores-title] select[name=storeId]").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/finance/runs/[0-9a-f-]+/[0-9a-f-]+$"));
            await Expect(page.GetByTestId("run-total")).ToContainTextAsync("80.50");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "下载 CSV" }).ClickAsync());
            download.SuggestedFilename.Should().EndWith($"{period}.csv");
            var csv = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
            var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            lines[0].Should().Be("行号,工单号,类型,说明,金额(元),有争议,争议原因,门店");
            lines.Should().Contain(l => l.Contains("小计") && l.Contains("80.50"), "the store's section closes with its subtotal");
            lines.Should().Contain(l => l.Contains(order.Str("number")) && l.Contains("维修费") && l.Contains("80.50"));
            lines[^1].Should().Contain("合计").And.Contain("80.50");
        });
    }

    [BrowserFact]
    public async Task FinanceTakesARunThroughDisputeAdjustmentApprovalAndPayment()
    {
        var (order, period, run) = await ThisMonthsRunWithOneRepair("海信");

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "finance1");
            await page.GetByRole(AriaRole.Link, new() { Name = $"查看 海信 {period}" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "提交厂家" }).ClickAsync();
            await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("已提交");

            await page.GetByRole(AriaRole.Checkbox, new() { Name = order.Str("number") }).CheckAsync();
            await page.GetByLabel("原因", new() { Exact = true }).FillAsync("厂家称该机型不在保内");
            await page.GetByRole(AriaRole.Button, new() { Name = "对选中明细提出异议" }).ClickAsync();
            await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("有异议");

            await page.GetByLabel("金额", new() { Exact = true }).FillAsync("-10.50");
            await page.GetByLabel("说明", new() { Exact = true }).FillAsync("按厂家核定核减");
            await page.GetByRole(AriaRole.Button, new() { Name = "调整", Exact = true }).ClickAsync();
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("70.00");

            await page.GetByRole(AriaRole.Button, new() { Name = "确认无误" }).ClickAsync();
            await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("已确认");
            await page.GetByLabel("付款凭证号").FillAsync("ICBC-20261123-001");
            await page.GetByRole(AriaRole.Button, new() { Name = "登记付款" }).ClickAsync();
            await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("已付款");
        });

        var paid = await (await host.Data.ReadyAsync()).Finance.GetOk($"/api/v1/settlements/runs/{run}");
        paid.Str("status").Should().Be("Paid");
        paid["total"]!.GetValue<decimal>().Should().Be(70.00m);
        paid.Str("paidReference").Should().Be("ICBC-20261123-001");
    }

    /// <summary>A manufacturer with a contract, one completed repair it pays for this month, and its Draft run: (order, period, run id).</summary>
    private async Task<(System.Text.Json.Nodes.JsonObject Order, string Period, string Run)> ThisMonthsRunWithOneRepair(string manufacturer)
    {
        var d = await host.Data.ReadyAsync();
        var today = TestData.StationToday();
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = manufacturer })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", new
        {
            validFrom = today.AddYears(-1).ToString("yyyy-MM-dd"), categories = new[] { "WashingMachine" },
            fees = new { repair = new[] { new { category = "WashingMachine", level = "Minor", amount = 80.50m } }, partsReimbursement = "AtCost" },
        });
        var (customerId, applianceId) = await d.CustomerWithAppliance(today.AddMonths(-3), manufacturerId: maker);
        var order = await d.WorkOrder(customerId, applianceId);
        await d.CompleteByTechnicianA(order.Str("id"));
        var period = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var run = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period });
        return (order, period, run.Str("id"));
    }
}
