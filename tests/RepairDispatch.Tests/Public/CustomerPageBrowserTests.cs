using System.Net;
using Microsoft.Playwright;
using RepairDispatch.Tests.Console;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static RepairDispatch.Tests.Public.PublicKit;

namespace RepairDispatch.Tests.Public;

/// <summary>The customer's page on a 360×740 phone in Chinese, in Debian's Chromium: the order's link and the appliance's sticker.</summary>
public class CustomerPageBrowserTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    /// <summary>With REPAIRDISPATCH_SCREENSHOTS=1, the page as the customer sees it goes to docs/screenshots (committed).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("REPAIRDISPATCH_SCREENSHOTS") != "1") return;
        var folder = Directory.CreateDirectory(Path.Combine(BrowserRun.RepositoryRoot(), "docs", "screenshots")).FullName;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    private static async Task AskForACodeAsync(IPage page, string token, string phone)
    {
        await page.GotoAsync($"/c/a/{token}");
        await page.GetByLabel("登记的手机号").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "获取验证码" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("10 分钟内有效");
    }

    private Task OnPhoneAsync(Func<IPage, Task> test, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        host.OnPageAsync(test, name, ConsoleHost.Phone);

    [BrowserFact]
    public async Task TheCustomerMovesTheVisitAndIsRefusedOnceTheTechnicianHasLeft()
    {
        var d = await host.Data.ReadyAsync();
        var (id, _, _) = await BookedOrder(d);
        await Assign(d, id);
        var token = await OrderToken(d, id);
        var before = (await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}"))["appointment"]!.Str("from");

        await OnPhoneAsync(async page =>
        {
            await page.GotoAsync($"/c/{token}");
            await Expect(page.Locator("#status")).ToHaveTextAsync("已接单");
            await Expect(page.Locator("#technician")).ToHaveTextAsync("Technician T-A");
            await ScreenshotAsync(page, "customer-page");
            await page.Locator("#new-window").SelectOptionAsync("1");
            await page.Locator("#move").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已改约。");

            (await Depart(d, id)).EnsureSuccessStatusCode(); // the technician leaves while the page is open
            await page.Locator("#new-window").SelectOptionAsync("2");
            await page.Locator("#move").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("已不能改约");
            await page.ReloadAsync();
            await Expect(page.Locator("#status")).ToHaveTextAsync("在途");
            await Expect(page.Locator("#move")).ToHaveCountAsync(0);
        });

        (await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}"))["appointment"]!.Str("from").Should().NotBe(before);
    }

    [BrowserFact]
    public async Task TwoStarsFromTheCustomerOpenAComplaint()
    {
        var d = await host.Data.ReadyAsync();
        var (id, _, _) = await BookedOrder(d);
        await d.CompleteByTechnicianA(id);
        var token = await OrderToken(d, id);

        await OnPhoneAsync(async page =>
        {
            await page.GotoAsync($"/c/{token}");
            await page.GetByRole(AriaRole.Button, new() { Name = "2 星" }).ClickAsync();
            await page.Locator("#comment").FillAsync("师傅迟到了两个小时");
            await page.Locator("#rate").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("感谢您的评价！");
            await Expect(page.Locator("#rate")).ToHaveCountAsync(0);
        });

        var complaints = (await d.Manager.GetOk($"/api/v1/complaints?workOrderId={id}"))["items"]!.AsArray();
        complaints.Should().ContainSingle().Which!.Str("status").Should().Be("Open");
    }

    [BrowserFact]
    public async Task AnotherOrdersOrAMadeUpTokenShowsNothing()
    {
        var d = await host.Data.ReadyAsync();
        await OrderToken(d, (await BookedOrder(d)).Id);

        await OnPhoneAsync(async page =>
        {
            await page.GotoAsync("/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("链接无效或已过期，请联系门店。");
            await Expect(page.Locator("dl")).ToHaveCountAsync(0);
        });
    }

    [BrowserFact]
    public async Task TheStickersReportCreatesATicketInTheDesksQueue()
    {
        var d = await host.Data.ReadyAsync();
        var (customerId, applianceId, phone, token) = await Sticker(d);

        await OnPhoneAsync(async page =>
        {
            await AskForACodeAsync(page, token, phone);
            await page.GetByLabel("短信验证码").FillAsync((await LatestCode(host, phone))!);
            await page.GetByLabel("故障描述").FillAsync("洗衣机不排水");
            await ScreenshotAsync(page, "customer-sticker");
            await page.GetByRole(AriaRole.Button, new() { Name = "提交报修" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("报修成功，工单号");
        });

        var orders = (await d.FrontDesk.GetOk($"/api/v1/work-orders?customerId={customerId}"))["items"]!.AsArray();
        orders.Should().ContainSingle().Which!.Str("applianceId").Should().Be(applianceId);
    }

    [BrowserFact]
    public async Task FiveWrongCodesLockTheSticker()
    {
        var d = await host.Data.ReadyAsync();
        var (customerId, _, phone, token) = await Sticker(d);

        await OnPhoneAsync(async page =>
        {
            await AskForACodeAsync(page, token, phone);
            var right = (await LatestCode(host, phone))!;
            var wrong = ((int.Parse(right) + 1) % 1_000_000).ToString("D6");
            await page.GetByLabel("故障描述").FillAsync("不加热");
            for (var i = 0; i < 5; i++)
            {
                await page.GetByLabel("短信验证码").FillAsync(wrong);
                await page.GetByRole(AriaRole.Button, new() { Name = "提交报修" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("验证码错误或已过期。");
            }
            await page.GetByLabel("短信验证码").FillAsync(right);
            await page.GetByRole(AriaRole.Button, new() { Name = "提交报修" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("验证码错误次数过多，请稍后再试。");
        });

        (await d.FrontDesk.GetOk($"/api/v1/work-orders?customerId={customerId}"))["items"]!.AsArray().Should().BeEmpty();
    }
}
