using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RepairDispatch.Tests.Console;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.MobileApp;

/// <summary>Every screen of the app in zh-CN shows no English outside the test data's names; the switch shows English.</summary>
public partial class AppLanguageTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    /// <summary>Names the shared test data gives (brand, part, customer, street) and the switch to the other language.</summary>
    private static readonly string[] AllowList = ["Haier", "Drain pump", "Customer", "Pudong", "Century Avenue", "Drum does not spin", "English"];

    [GeneratedRegex(@"(?<![\w-])[A-Za-z]{2,}(?:[ '][A-Za-z]{2,})*(?![\w-])")]
    private static partial Regex LatinWords();

    private static IEnumerable<string> Latin(string text)
    {
        foreach (var allowed in AllowList) text = text.Replace(allowed, " ", StringComparison.Ordinal);
        return LatinWords().Matches(text).Select(m => m.Value).Distinct();
    }

    [BrowserFact]
    public async Task EveryScreenInChineseShowsNoEnglishAndTheSwitchShowsEnglish()
    {
        var d = await host.Data.ReadyAsync();
        var order = await d.NewWorkOrder();
        var id = order.Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);
        var seen = new Dictionary<string, string>();

        await Phone.RunAsync(host, async phone =>
        {
            var page = await Phone.SignInAsync(phone);
            async Task See(string screen) => seen[screen] = await page.Locator("body").InnerTextAsync();
            await See("jobs");
            await Phone.OpenJobAsync(page, order.Str("number"));
            await See("job");
            await Phone.StepAsync(page, "接单", "已接单");
            await Phone.StepAsync(page, "出发", "在途");
            await Phone.StepAsync(page, "到达", "上门中");
            await See("on-site");
            await page.GetByRole(AriaRole.Link, new() { Name = "完工", Exact = true }).ClickAsync();
            await Expect(page.GetByLabel("工时（分钟）")).ToBeVisibleAsync();
            await See("complete");
            await Phone.ScreenshotAsync(page, "technician-app-complete");
            await page.GotoAsync($"/m/#/job/{id}/parts");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "提交申领" })).ToBeVisibleAsync();
            await See("await-parts");
            await page.GetByRole(AriaRole.Link, new() { Name = "旧件", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的旧件" })).ToBeVisibleAsync();
            await See("old-parts");
            await page.GetByRole(AriaRole.Link, new() { Name = "我的", Exact = true }).ClickAsync();
            await Expect(page.GetByText("全部已上传。")).ToBeVisibleAsync();
            await See("me");

            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Jobs", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today's jobs" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("job-card").First).ToContainTextAsync("On site");
        });

        var english = seen.Where(s => Latin(s.Value).Any()).Select(s => $"{s.Key}: {string.Join(" | ", Latin(s.Value))}").ToList();
        english.Should().BeEmpty("a Chinese screen shows Chinese only (the test data's names aside)");
        seen["complete"].Should().Contain("客户签名").And.Contain("维修级别");
    }
}
