using System.Net.Http.Json;
using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.ManufacturerOrders;
using RepairDispatch.Tests.Statements;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

public class BrandOrdersConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [BrowserFact]
    public async Task TheDeskImportsABrandsOrderFileAndCancelsOneOfItsOrdersOnlyWithTheBrandsCode()
    {
        var d = await host.Data.ReadyAsync();
        var brand = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "海信 " + Guid.NewGuid().ToString("N")[..6] })).Str("id");
        (await d.Manager.PutAsJsonAsync($"/api/v1/manufacturers/{brand}/order-mapping", BrandOrderFiles.Mapping(["C01"]))).EnsureSuccessStatusCode();
        var file = TestStatements.Csv([
            [.. BrandOrderFiles.Headers],
            ["HS-1", "孙八", "13833330001", "浦东新区", "张杨路 9 号", "洗衣机", "XQB70", "", "", "维修", "漏水", ""],
            ["HS-2", "周九", "13833330002", "浦东新区", "张杨路 9 号", "飞机", "A320", "", "", "维修", "坏了", ""],
        ], new System.Text.UTF8Encoding(false));

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "desk1");
            await page.GetByRole(AriaRole.Link, new() { Name = "厂家派单" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("厂家派单导入");
            await page.GetByLabel("厂家", new() { Exact = true }).SelectOptionAsync(brand);
            await page.GetByLabel("派单文件").SetInputFilesAsync(new FilePayload { Name = "派单.csv", MimeType = "text/csv", Buffer = file });
            await page.GetByRole(AriaRole.Button, new() { Name = "导入派单" }).ClickAsync();
            var report = page.GetByTestId("brand-import-report");
            await Expect(report).ToContainTextAsync("新建 1 单，已有 0 单，1 行未导入。");
            await Expect(page.GetByTestId("refused-3")).ToContainTextAsync("未知的家电品类“飞机”");

            await report.GetByRole(AriaRole.Link, new() { Name = "HS-1" }).ClickAsync();
            await page.GetByText("取消工单").First.ClickAsync();
            await page.GetByLabel("取消原因").FillAsync("用户已自行修好");
            await page.GetByLabel("厂家原因代码").FillAsync("X9");
            await page.GetByRole(AriaRole.Button, new() { Name = "取消工单" }).ClickAsync();
            await Expect(page.GetByText("厂家不认可原因代码“X9”")).ToBeVisibleAsync();
            await page.GetByLabel("厂家原因代码").FillAsync("C01");
            await page.GetByRole(AriaRole.Button, new() { Name = "取消工单" }).ClickAsync();
            await Expect(page.GetByText("已取消").First).ToBeVisibleAsync();
        });
    }
}
