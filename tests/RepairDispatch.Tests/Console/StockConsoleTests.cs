using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

public class StockConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [BrowserFact]
    public async Task AManagerApprovesShipsAndReceivesAVansRequestAndSetsAReorderPoint()
    {
        var d = await host.Data.ReadyAsync();
        var id = (await d.TechA.PostOk("/api/v1/parts-requests", new
        {
            fromLocationId = d.StoreId, toLocationId = d.TechnicianA, lines = new[] { new { partId = d.PartId, qty = 1 } },
        })).Str("id");
        var tomorrow = TestData.StationToday().AddDays(1).ToString("yyyy-MM-dd");

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "manager1");
            await page.GetByRole(AriaRole.Link, new() { Name = "库存" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("备件库存");
            var request = page.GetByTestId($"request-{id}");
            await Expect(request).ToContainTextAsync("已申请");
            await Expect(request).ToContainTextAsync("本店库房 → 车载：Technician T-A");
            await request.GetByRole(AriaRole.Button, new() { Name = "批准", Exact = true }).ClickAsync();
            await Expect(request).ToContainTextAsync("已批准");
            await request.GetByRole(AriaRole.Button, new() { Name = "发货", Exact = true }).ClickAsync();
            await Expect(request).ToContainTextAsync("已发货");
            await Expect(request).ToContainTextAsync(tomorrow);
            var pump = page.GetByTestId($"stock-{d.PartId}");
            await Expect(pump.Locator("td.num").First).ToHaveTextAsync("99");
            await Expect(page.Locator("#moves-title + table")).ToContainTextAsync("调出");
            await request.GetByRole(AriaRole.Button, new() { Name = "签收", Exact = true }).ClickAsync();
            await Expect(request).ToContainTextAsync("已签收");

            await pump.GetByRole(AriaRole.Textbox, new() { Name = "补货点" }).FillAsync("3");
            await pump.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
            await Expect(pump.GetByRole(AriaRole.Textbox, new() { Name = "补货点" })).ToHaveValueAsync("3");

            await page.GetByLabel("库位").SelectOptionAsync(new SelectOptionValue { Label = "车载：Technician T-A" });
            await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
            await Expect(page.GetByTestId($"stock-{d.PartId}").Locator("td.num").First).ToHaveTextAsync("1");
            await Expect(page.Locator("#moves-title + table")).ToContainTextAsync("调入");
        });
        var store = (await d.Manager.GetOk($"/api/v1/stock?locationId={d.StoreId}&partId={d.PartId}"))["items"]![0]!;
        store["reorderPoint"]!.GetValue<long>().Should().Be(3);
    }
}
