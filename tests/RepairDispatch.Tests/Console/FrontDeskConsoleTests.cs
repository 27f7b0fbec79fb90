using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

public class FrontDeskConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [BrowserFact]
    public async Task FrontDeskFindsACustomerByPhoneOpensATicketAndSeesItsWarrantyDecision()
    {
        var d = await host.Data.ReadyAsync();
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var tomorrow = TestData.StationToday().AddDays(1);
        var customer = await d.FrontDesk.PostOk("/api/v1/customers", new
        {
            name = "王秀英", phones = new[] { phone }, addresses = new[] { new { district = "浦东新区", street = "世纪大道 1 号" } },
        });
        await d.FrontDesk.PostOk($"/api/v1/customers/{customer.Str("id")}/appliances", new
        {
            category = "WashingMachine", manufacturerId = d.ManufacturerId, model = "XQG100-B12866",
            purchaseDate = TestData.StationToday().AddMonths(-3).ToString("yyyy-MM-dd"),
        });

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "desk1");
            await page.GetByLabel("电话", new() { Exact = true }).FillAsync(phone);
            await page.GetByLabel("电话", new() { Exact = true }).PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "王秀英" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("sanbao-state").First).ToHaveTextAsync("三包保修");

            await page.GetByLabel("家电", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await Expect(page.GetByTestId("warranty-state")).ToHaveTextAsync("保内");
            await Expect(page.Locator("#intake-decision .sanbao")).ToContainTextAsync("免费修理");
            await page.GetByLabel("故障描述").FillAsync("滚筒不转，有异响");
            await page.GetByLabel("日期", new() { Exact = true }).FillAsync(tomorrow.ToString("yyyy-MM-dd"));
            await page.GetByLabel("从", new() { Exact = true }).FillAsync("14:00");
            await page.GetByLabel("到", new() { Exact = true }).FillAsync("16:00");
            await page.GetByRole(AriaRole.Button, new() { Name = "创建工单" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("WO-");
            await Expect(page.GetByTestId("ticket-warranty")).ToContainTextAsync("保内");
            await Expect(page.GetByTestId("ticket-warranty")).ToContainTextAsync("付费方: 厂家");
            await Expect(page.Locator("dl.facts")).ToContainTextAsync($"{tomorrow:yyyy-MM-dd} 14:00");
            await Expect(page.Locator("ol.timeline")).ToContainTextAsync("建单");
        });

        // The window the front desk booked in the store's time is stored as the instant it means (Shanghai is UTC+8).
        var order = (await d.FrontDesk.GetOk($"/api/v1/work-orders?customerId={customer.Str("id")}"))["items"]!.AsArray().Single()!;
        order["appointment"]!["from"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(tomorrow.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        order["appointment"]!["to"]!.GetValue<DateTimeOffset>().Should().Be(new DateTimeOffset(tomorrow.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
    }

    [BrowserFact]
    public async Task AFieldTheApiRefusesShowsItsMessageNextToThatField()
    {
        await host.Data.ReadyAsync();
        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "desk1");
            await page.GetByLabel("电话", new() { Exact = true }).FillAsync("not-a-phone");
            await page.GetByLabel("电话", new() { Exact = true }).PressAsync("Enter");

            var phoneField = page.Locator(".field", new() { Has = page.GetByLabel("电话", new() { Exact = true }) });
            await Expect(phoneField.Locator(".field-error")).ToContainTextAsync("不是电话号码");
            await Expect(page.GetByLabel("电话", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        });
    }

    [BrowserFact]
    public async Task EveryFrontDeskScreenOpensInEnglishTooAndSignOutForgetsTheTokens()
    {
        await host.Data.ReadyAsync();
        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "desk1");
            foreach (var (link, heading) in new[] { ("工单", "工单"), ("今日回访", "今日回访"), ("投诉", "投诉"), ("接待", "来电接待") })
            {
                await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
                await Expect(page.Locator("main .form-error:visible")).ToHaveCountAsync(0);
            }
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "派工" })).ToHaveCountAsync(0, new() { Timeout = 1000 });

            var before = await page.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('rd.session')).accessToken");
            await page.EvaluateAsync("import('/js/api.js').then(m => m.refresh())"); // what the timer does a minute before expiry
            (await page.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('rd.session')).accessToken")).Should().NotBe(before);
            await page.GetByRole(AriaRole.Link, new() { Name = "工单", Exact = true }).ClickAsync();
            await Expect(page.Locator("table.grid, main p")).Not.ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tickets");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
            (await page.EvaluateAsync<string?>("sessionStorage.getItem('rd.session')")).Should().BeNull();
        });
    }
}
