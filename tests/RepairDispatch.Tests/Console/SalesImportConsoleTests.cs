using System.Text;
using Microsoft.Playwright;
using RepairDispatch.Tests.Statements;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

public class SalesImportConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [BrowserFact]
    public async Task TheDeskUploadsTheDaysSalesAndSeesTheRefusedRows()
    {
        await host.Data.ReadyAsync();
        var day = Infrastructure.TestData.StationToday().ToString("yyyy-MM-dd");
        var sale = "C-" + Guid.NewGuid().ToString("N")[..8];
        var csv = TestStatements.Csv(
        [
            ["销售单号", "销售时间", "顾客姓名", "电话", "行号", "品类", "品牌", "型号", "数量", "单价", "发票号"],
            [sale, day + " 03:00", "钱女士", "136" + Random.Shared.Next(10_000_000, 99_999_999), 1, "空调", "Haier", "KFR-26", 1, "2599.00", "FP-9"],
            [sale + "-B", day + " 03:00", "孙先生", "136" + Random.Shared.Next(10_000_000, 99_999_999), 1, "电视", "无名牌", "55X", 1, "1999.00", "FP-10"],
        ], new UTF8Encoding(false));

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "desk1");
            await page.GetByLabel("销售文件（Excel 或 CSV）").SetInputFilesAsync(new FilePayload { Name = "销售.csv", MimeType = "text/csv", Buffer = csv });
            await page.GetByRole(AriaRole.Button, new() { Name = "导入销售" }).ClickAsync();
            var result = page.GetByTestId("sales-import-result");
            await Expect(result).ToContainTextAsync("已接收 1 行，拒收 1 行。");
            await Expect(result.Locator("tbody tr")).ToContainTextAsync("未知品牌“无名牌”");
        });
    }
}
