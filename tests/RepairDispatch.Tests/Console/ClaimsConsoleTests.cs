using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RepairDispatch.Api.Claims;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static RepairDispatch.Tests.Claims.ClaimSetup;

namespace RepairDispatch.Tests.Console;

public class ClaimsConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [BrowserFact]
    public async Task FinanceSeesWhatBlocksEachClaimAndTheDaysLeftAndFiltersByState()
    {
        var d = await host.Data.ReadyAsync();
        var blocked = await MakerWithRules(d, new { evidence = new[] { new { type = "Repair", kinds = new[] { "Nameplate" } } }, submitWithinDays = 30 }, "美的");
        var blockedOrder = (await d.FrontDesk.GetOk($"/api/v1/work-orders/{await CompletedOrderOf(d, blocked)}")).Str("number");
        var ready = await MakerWithRules(d, null, "海尔");
        var readyOrder = (await d.FrontDesk.GetOk($"/api/v1/work-orders/{await CompletedOrderOf(d, ready)}")).Str("number");

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "finance1");
            await page.GetByRole(AriaRole.Link, new() { Name = "索赔" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("索赔队列");
            var row = page.GetByTestId($"claim-{blockedOrder}");
            await Expect(row).ToContainTextAsync("未就绪");
            await Expect(row).ToContainTextAsync("缺少凭证照片：铭牌。");
            await Expect(row.GetByTestId("countdown")).ToHaveTextAsync("还剩 30 天");
            await Expect(page.GetByTestId($"claim-{readyOrder}")).ToContainTextAsync("可索赔");

            await page.GetByLabel("索赔状态").SelectOptionAsync(new SelectOptionValue { Label = "未就绪" });
            await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            await Expect(page.GetByTestId($"claim-{readyOrder}")).ToHaveCountAsync(0);
            await Expect(row).ToBeVisibleAsync();
        });
    }

    [BrowserFact]
    public async Task AManagerReleasesAnExpiredClaimWithAReason()
    {
        var d = await host.Data.ReadyAsync();
        var maker = await MakerWithRules(d, new { submitWithinDays = 1 }, "格力");
        var order = await CompletedOrderOf(d, maker);
        var number = (await d.FrontDesk.GetOk($"/api/v1/work-orders/{order}")).Str("number");
        var back = host.Clock.GetUtcNow();
        host.Clock.Advance(TimeSpan.FromDays(3));
        try
        {
            using (var scope = host.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<ClaimExpiryJob>().RunAsync();

            await host.OnPageAsync(async page =>
            {
                await ConsoleSteps.SignInAsync(page, "manager1");
                await page.GotoAsync("/#/claims");
                var row = page.GetByTestId($"claim-{number}");
                await Expect(row).ToContainTextAsync("已过期");
                await Expect(row.GetByTestId("countdown")).ToHaveTextAsync("已超期 2 天");
                await row.GetByRole(AriaRole.Button, new() { Name = "放行" }).ClickAsync();
                await row.GetByLabel("放行原因").FillAsync("厂家同意延期受理");
                await row.GetByRole(AriaRole.Button, new() { Name = "放行" }).ClickAsync();
                await Expect(row).ToContainTextAsync("可索赔");
                await Expect(row).ToContainTextAsync("已放行: 厂家同意延期受理");
            });
        }
        finally
        {
            host.Clock.Set(back);
        }
    }
}
