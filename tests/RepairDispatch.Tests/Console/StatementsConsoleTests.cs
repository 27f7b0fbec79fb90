using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Settlements;
using RepairDispatch.Tests.Statements;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

public class StatementsConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [BrowserFact]
    public async Task FinanceUploadsAStatementWithAPreviewFiltersItsReconciliationAndAcceptsIt()
    {
        var d = await host.Data.ReadyAsync();
        var maker = await SettlementRunTests.ManufacturerWithCompletedOrders(d, "Minor", "Major");
        var period = TestData.StationToday().ToString("yyyy-MM");
        var run = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period })).Str("id");
        await d.Finance.PostOk($"/api/v1/settlements/runs/{run}/submit", null, HttpStatusCode.OK);
        (await d.Finance.PutAsJsonAsync($"/api/v1/manufacturers/{maker}/statement-mapping", TestStatements.Mapping())).EnsureSuccessStatusCode();
        var lines = (await d.Finance.GetOk($"/api/v1/settlements/runs/{run}/lines"))["items"]!.AsArray()
            .Select(l => (Number: l.Str("workOrderNumber"), Amount: l!["amount"]!.GetValue<decimal>())).OrderBy(l => l.Number).ToList();
        var file = TestStatements.Xlsx(TestStatements.Portal(
            [1, lines[0].Number, "HR1", null, null, lines[0].Amount, lines[0].Amount, null, null, "通过"],
            [2, lines[1].Number, "HR2", null, null, lines[1].Amount, 0, null, "机身条码无效", "驳回"]), TestStatements.PortalMerges);

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "finance1");
            await page.GetByRole(AriaRole.Link, new() { Name = "厂家结算单" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("厂家结算单对账");
            await page.GetByLabel("厂家", new() { Exact = true }).SelectOptionAsync(maker);
            await page.GetByLabel("期间").FillAsync(period);
            await page.GetByLabel("结算单文件").SetInputFilesAsync(new FilePayload
            {
                Name = "结算单.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = file,
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "预览" }).ClickAsync();
            await Expect(page.GetByTestId("statement-preview")).ToContainTextAsync("共 2 行");
            await Expect(page.GetByTestId("statement-preview")).ToContainTextAsync("机身条码无效");

            await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
            await Expect(page.GetByTestId("statement-status")).ToContainTextAsync("待确认");
            await Expect(page.GetByTestId("statement-identity")).ToContainTextAsync("已逐分解释");
            await Expect(page.GetByTestId($"item-{lines[1].Number}")).ToContainTextAsync("驳回");
            await page.GetByLabel("对账结果").SelectOptionAsync("Rejected");
            await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            await Expect(page.GetByTestId($"item-{lines[0].Number}")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId($"item-{lines[1].Number}")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "确认对账" }).ClickAsync();
            await Expect(page.GetByTestId("statement-status")).ToContainTextAsync("finance1");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "确认对账" })).ToHaveCountAsync(0);

            var rejected = page.GetByTestId($"item-{lines[1].Number}");
            await rejected.GetByLabel("更正说明").FillAsync("机身条码已重新拍照");
            await rejected.GetByRole(AriaRole.Button, new() { Name = "更正后重新提交" }).ClickAsync();
            await Expect(rejected).ToContainTextAsync("已重新提交");
        });
        var settled = await d.Finance.GetOk($"/api/v1/settlements/runs/{run}");
        settled["total"]!.GetValue<decimal>().Should().Be(lines[0].Amount, "the rejected claim was reversed by the accept");
    }

    [BrowserFact]
    public async Task FinanceMapsALayoutNeverSeenBeforeFromThePreviewAndImportsIt()
    {
        var d = await host.Data.ReadyAsync();
        var maker = await SettlementRunTests.ManufacturerWithCompletedOrders(d, "Minor");
        var period = TestData.StationToday().ToString("yyyy-MM");
        var run = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period })).Str("id");
        await d.Finance.PostOk($"/api/v1/settlements/runs/{run}/submit", null, HttpStatusCode.OK);
        var line = (await d.Finance.GetOk($"/api/v1/settlements/runs/{run}/lines"))["items"]!.AsArray()
            .Select(l => (Number: l.Str("workOrderNumber"), Amount: l!["amount"]!.GetValue<decimal>())).First();
        var file = TestStatements.Csv([
            ["网点结算明细 " + Guid.NewGuid().ToString("N")[..6]],
            ["服务单号", "结算金额", "结果"],
            [line.Number, $"¥{line.Amount:0.00}", "通过"],
            ["总计", "", ""],
        ], TestStatements.Gbk());

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "finance1");
            await page.GetByRole(AriaRole.Link, new() { Name = "厂家结算单" }).ClickAsync();
            await page.GetByLabel("厂家", new() { Exact = true }).SelectOptionAsync(maker);
            await page.GetByLabel("期间").FillAsync(period);
            await page.GetByLabel("结算单文件").SetInputFilesAsync(new FilePayload { Name = "明细.csv", MimeType = "text/csv", Buffer = file });
            await page.GetByRole(AriaRole.Button, new() { Name = "预览" }).ClickAsync();
            await Expect(page.GetByTestId("statement-top-rows")).ToContainTextAsync("结算金额");

            var mapping = page.GetByTestId("statement-mapping");
            await mapping.Locator("summary").ClickAsync();
            await mapping.GetByLabel("我方工单号").FillAsync("服务单号");
            await mapping.GetByLabel("审核金额").FillAsync("结算金额");
            await mapping.GetByLabel("审核状态").FillAsync("结果");
            await mapping.GetByRole(AriaRole.Button, new() { Name = "保存列对应" }).ClickAsync();
            await Expect(mapping).ToContainTextAsync("已保存");
            await mapping.GetByLabel("审核金额").FillAsync("结算金额 ");
            await mapping.GetByRole(AriaRole.Button, new() { Name = "保存列对应" }).ClickAsync(); // a second save replaces it (If-Match)
            await Expect(mapping.Locator(".field-error:visible")).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Button, new() { Name = "预览" }).ClickAsync();
            await Expect(page.GetByTestId("statement-preview")).ToContainTextAsync("表头在第 2 行");
            await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
            await Expect(page.GetByTestId("statement-identity")).ToContainTextAsync("已逐分解释");
            await Expect(page.GetByTestId($"item-{line.Number}")).ToContainTextAsync("一致");
        });
        var saved = await d.Finance.GetOk($"/api/v1/manufacturers/{maker}/statement-mapping");
        saved["version"]!.GetValue<long>().Should().Be(2);
    }
}
