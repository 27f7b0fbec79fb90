using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

public class ChainConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    private async Task<string> OtherStore(TestData d, string name) =>
        (await d.Admin.PostOk("/api/v1/stores", new { code = "C" + Guid.NewGuid().ToString("N")[..6], name, city = "上海", address = "南京西路 1 号" })).Str("id");

    [BrowserFact]
    public async Task ManagerLendsATechnicianToAnotherStoreAndEndsTheLoan()
    {
        var d = await host.Data.ReadyAsync();
        var store = await OtherStore(d, "静安店");
        var technician = (await d.Admin.PostOk("/api/v1/technicians", new
        {
            storeId = d.StoreId, code = "T-L", name = "王师傅", phone = "13800000003", skills = new[] { "WashingMachine" },
        })).Str("id");

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "manager1");
            await page.GetByRole(AriaRole.Link, new() { Name = "门店与借调" }).ClickAsync();
            await page.GetByLabel("维修工", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "王师傅（T-L）" });
            await page.GetByLabel("借往门店").SelectOptionAsync(new SelectOptionValue { Label = "静安店" });
            await page.GetByRole(AriaRole.Button, new() { Name = "借调", Exact = true }).ClickAsync();
            var row = page.Locator("#loans-title ~ div tr", new() { HasText = "静安店" });
            await Expect(row).ToContainTextAsync("有效");

            await row.GetByRole(AriaRole.Button, new() { Name = "结束借调" }).ClickAsync();
            await Expect(row).ToContainTextAsync("已取消");
        });

        var loan = (await d.Manager.GetOk($"/api/v1/technicians/{technician}/loans"))["items"]!.AsArray().Single()!;
        (loan.Str("toStoreId"), loan.Str("state")).Should().Be((store, "Cancelled"));
    }

    [BrowserFact]
    public async Task ManagerTransfersATicketToAnotherStoreWithAReason()
    {
        var d = await host.Data.ReadyAsync();
        var store = await OtherStore(d, "闵行店");
        var order = await d.NewWorkOrder();

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "manager1");
            await page.GotoAsync($"/#/tickets/{order.Str("id")}");
            await page.GetByText("转派门店", new() { Exact = true }).ClickAsync();
            await page.GetByLabel("转至门店").SelectOptionAsync(new SelectOptionValue { Label = "闵行店" });
            await page.GetByLabel("转派原因").FillAsync("客户搬到闵行");
            await page.GetByRole(AriaRole.Button, new() { Name = "转派门店" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工单" })).ToBeVisibleAsync();
        });

        (await d.Admin.GetOk($"/api/v1/work-orders/{order.Str("id")}")).Str("storeId").Should().Be(store);
    }

    [BrowserFact]
    public async Task HeadquartersGivesAStoreItsServiceDistricts()
    {
        var d = await host.Data.ReadyAsync();
        var store = await OtherStore(d, "长宁店");
        var code = (await d.Admin.GetOk($"/api/v1/stores/{store}")).Str("code");

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "admin", ApiFactory.AdminPassword);
            await page.GotoAsync("/#/stores");
            var row = page.GetByTestId($"store-{code}");
            await row.GetByText("修改", new() { Exact = true }).ClickAsync();
            await row.GetByLabel("服务区域").FillAsync("长宁区，新泾镇");
            await row.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
            await Expect(page.GetByTestId($"store-{code}")).ToContainTextAsync("新泾镇、长宁区");
        });

        (await d.Admin.GetOk($"/api/v1/stores/{store}"))["districts"]!.AsArray().Select(x => x!.GetValue<string>()).Should().BeEquivalentTo(["长宁区", "新泾镇"]);
    }
}
