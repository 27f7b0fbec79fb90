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
        var d = await host.Data.ReadyAsync();
        var today = TestData.StationToday();
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "美的" })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", new
        {
            validFrom = today.AddYears(-1).ToString("yyyy-MM-dd"), categories = new[] { "WashingMachine" },
            fees = new { repair = new[] { new { category = "WashingMachine", level = "Minor", amount = 80.50m } }, partsReimbursement = "AtCost" },
        });
        var (customerId, applianceId) = await d.CustomerWithAppliance(today.AddMonths(-3), manufacturerId: maker);
        var order = await d.WorkOrder(customerId, applianceId);
        await d.CompleteByTechnicianA(order.Str("id"));
        var period = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period });

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "finance1");
            await page.GetByRole(AriaRole.Link, new() { Name = $"查看 美的 {period}" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"美的 · {period}");
            await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("草稿");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "下载 CSV" }).ClickAsync());
            download.SuggestedFilename.Should().EndWith($"{period}.csv");
            var csv = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
            var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            lines[0].Should().Be("行号,工单号,类型,说明,金额(元),有争议,争议原因");
            lines.Should().Contain(l => l.Contains(order.Str("number")) && l.Contains("维修费") && l.Contains("80.50"));
            lines[^1].Should().Contain("合计").And.Contain("80.50");
        });
    }
}
