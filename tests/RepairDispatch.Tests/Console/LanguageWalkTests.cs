using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

/// <summary>
/// Every screen of the console, walked in zh-CN: no run of Latin letters may show except the allow-list (brands, model,
/// order and part numbers, codes, units, the names the shared test data gives). The same walk in en shows English.
/// </summary>
public partial class LanguageWalkTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    /// <summary>Latin words a Chinese screen may show: brands, units, the other language's switch, and the shared test data's names.</summary>
    private static readonly string[] AllowList =
    [
        "Haier", "Technician T-A", "Technician T-B", "Drain pump", // TestData's manufacturer, technicians and part
        "MAIN Main store", // the store the first start creates (code and name), shown on per-store subtotals and the stores report
        "English", "VIP", "CSV", "Excel", "UTC", "min", "admin",
        "Main store", "MAIN", // the store the first start creates (Users/Bootstrap), named by its owner later
    ];

    // A word of two or more Latin letters that is not part of a code, model or number (those hold digits or dashes).
    [GeneratedRegex(@"(?<![\w-])[A-Za-z]{2,}(?:[ '][A-Za-z]{2,})*(?![\w-])")]
    private static partial Regex LatinWords();

    private static IEnumerable<string> Latin(string text)
    {
        foreach (var allowed in AllowList) text = text.Replace(allowed, " ", StringComparison.Ordinal);
        return LatinWords().Matches(text).Select(m => m.Value).Distinct();
    }

    private sealed record Station(string Phone, string Number, string Tomorrow, string Period);

    [BrowserFact]
    public async Task EveryScreenInChineseShowsNoEnglishAndInEnglishShowsEnglish()
    {
        var station = await ChineseStationAsync();
        var seen = new Dictionary<string, string>();

        await host.OnPageAsync(async page =>
        {
            foreach (var (user, screens) in Walk(station)) await WalkAsync(page, user, screens, seen);
        });

        var english = seen.Where(s => Latin(s.Value).Any()).Select(s => $"{s.Key}: {string.Join(" | ", Latin(s.Value))}").ToList();
        english.Should().BeEmpty("a Chinese screen shows Chinese only (allow-listed brands, codes and units aside)");
        seen.Keys.Should().HaveCountGreaterThanOrEqualTo(13);
        seen["desk:customer"].Should().Contain("整机保修期内");
        seen["tickets:ticket"].Should().Contain("建单");
        seen["dispatch:candidates"].Should().Contain("从家出发");
        seen["finance:run"].Should().Contain("洗衣机小修维修费");
        seen["old-parts"].Should().Contain("旧件入库").And.Contain("运输中的返厂批次");
        seen["claims"].Should().Contain("缺少凭证照片：铭牌。").And.Contain("已索赔");
        seen["stock"].Should().Contain("备件申领").And.Contain("入库");
        seen["finance:run"].Should().Contain("各门店小计");
        seen["stores-report"].Should().Contain("完工达标率").And.Contain("期末未结");
        seen["kpis"].Should().Contain("一次修复率").And.Contain("按周趋势");
        seen["payroll"].Should().Contain("技师工资结算").And.Contain("已计算，待审批").And.Contain("计件").And.Contain("不限").And.Contain("保存新版本");
    }

    [BrowserFact]
    public async Task TheSameWalkInEnglishShowsTheApisEnglishTexts()
    {
        var station = await ChineseStationAsync();
        var seen = new Dictionary<string, string>();

        await host.OnPageAsync(async page =>
        {
            await page.GotoAsync("/");
            await page.EvaluateAsync("localStorage.setItem('rd.locale', 'en')");
            foreach (var (user, screens) in Walk(station)) await WalkAsync(page, user, screens, seen, english: true);
        });

        seen["desk:customer"].Should().Contain("In whole-unit warranty");
        seen["tickets:ticket"].Should().Contain("Timeline").And.Contain("Created");
        seen["dispatch:candidates"].Should().Contain("min from home").And.Contain("jobs that day");
        seen["finance:run"].Should().Contain("Minor repair fee for washing machine");
        seen["claims"].Should().Contain("Evidence photos missing: nameplate.").And.Contain("Claimed");
        seen["desk:refused"].Should().Contain("Not a phone number");
        seen["finance:run"].Should().Contain("By store");
        seen["stores-report"].Should().Contain("Completed in time");
        seen["kpis"].Should().Contain("First-time fix").And.Contain("Weekly trends");
        seen["payroll"].Should().Contain("Technicians' pay").And.Contain("Calculated, to approve").And.Contain("Piece rate").And.Contain("Repair level").And.Contain("Save the new version");
        seen["old-parts"].Should().Contain("Check in an old part").And.Contain("Return batches on their way");
        seen["stock"].Should().Contain("Parts requests").And.Contain("Receipt");
        seen.Values.Should().NotContain(text => Regex.IsMatch(text, @"\p{IsCJKUnifiedIdeographs}{2,}.*\p{IsCJKUnifiedIdeographs}{2,}")
            && !text.Contains("周女士") && !text.Contains("洗衣机不脱水"), "an English screen shows no Chinese but the data's own");
    }

    private delegate Task Screen(IPage page);

    private static IEnumerable<(string User, (string Name, Screen Go)[] Screens)> Walk(Station s) =>
    [
        ("desk1", [
            ("desk:home", p => Heading(p, 1)),
            ("desk:refused", async p =>
            {
                await p.Locator("main input").First.FillAsync("not-a-phone");
                await p.Locator("main input").First.PressAsync("Enter");
                await Expect(p.Locator(".field-error")).ToBeVisibleAsync();
            }),
            ("desk:customer", async p =>
            {
                await p.Locator("main input").First.FillAsync(s.Phone);
                await p.Locator("main input").First.PressAsync("Enter");
                await Expect(p.GetByRole(AriaRole.Heading, new() { Name = "周女士" })).ToBeVisibleAsync();
                await p.Locator("select[name=applianceId]").SelectOptionAsync(new SelectOptionValue { Index = 1 });
                await Expect(p.GetByTestId("warranty-state")).ToBeVisibleAsync();
            }),
            ("tickets:list", p => Go(p, "#/tickets", "table.grid")),
            ("tickets:ticket", async p =>
            {
                await p.GetByRole(AriaRole.Link, new() { Name = s.Number }).ClickAsync();
                await Expect(p.Locator("ol.timeline li").First).ToBeVisibleAsync();
            }),
            ("callbacks", p => Go(p, "#/callbacks", "main h1")),
            ("complaints", p => Go(p, "#/complaints", "main h1")),
            ("old-parts", p => Go(p, "#/old-parts", "#batches-title")), // drawn once both lists have loaded
        ]),
        ("manager1", [
            ("dispatch:board", p => Go(p, "#/dispatch", ".board-column")),
            ("dispatch:candidates", async p =>
            {
                await p.GetByRole(AriaRole.Button, new() { Name = s.Number }).ClickAsync();
                await Expect(p.Locator(".candidate").First).ToBeVisibleAsync();
            }),
            ("stores", p => Go(p, "#/stores", "#loans-title")),
            ("stock", p => Go(p, "#/stock", "#requests-title")),
        ]),
        ("finance1", [
            ("finance:runs", p => Go(p, "#/finance", "main h1")),
            ("finance:run", async p =>
            {
                await p.Locator($"a[href*='/finance/']").First.ClickAsync();
                await Expect(p.GetByTestId("run-status")).ToBeVisibleAsync();
            }),
            ("claims", p => Go(p, "#/claims", "tr[data-testid^='claim-']")),
            ("receivables", p => Go(p, "#/receivables", "main h1")),
            ("stores-report", p => Go(p, "#/stores-report", "table.grid")),
            ("kpis", p => Go(p, "#/kpis", "figure.kpi-chart svg")),
            ("payroll", async p =>
            {
                await Go(p, "#/payroll", "tr.pay-line");
                await p.GetByTestId("pay-rules").Locator("summary").First.ClickAsync(); // the commission rules, folded by default
                await p.GetByTestId("pay-rules").Locator("details.pay-next summary").ClickAsync(); // and the next version's form
                await Expect(p.GetByTestId("pay-next-version")).ToBeVisibleAsync();
            }),
        ]),
    ];

    private static async Task Go(IPage page, string hash, string ready)
    {
        await page.GotoAsync("/" + hash);
        await Expect(page.Locator(ready).First).ToBeVisibleAsync();
    }

    private static Task Heading(IPage page, int level) => Expect(page.GetByRole(AriaRole.Heading, new() { Level = level })).ToBeVisibleAsync();

    private static async Task WalkAsync(IPage page, string user, (string Name, Screen Go)[] screens, Dictionary<string, string> seen, bool english = false)
    {
        await page.GotoAsync("/");
        await page.EvaluateAsync("sessionStorage.clear()");
        await page.GotoAsync("/");
        page.SetDefaultTimeout(15_000);
        await Expect(page.Locator("input[name=username]")).ToBeVisibleAsync();
        seen["sign-in"] = await page.InnerTextAsync("body");
        await page.Locator("input[name=username]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync(ApiFactory.UserPassword);
        await page.Locator("input[name=password]").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = english ? "Sign out" : "退出" })).ToBeVisibleAsync();
        foreach (var (name, go) in screens)
        {
            await go(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            seen[name] = await page.InnerTextAsync("body");
        }
    }

    /// <summary>Chinese data for every screen: a customer with an in-warranty washing machine and tomorrow's open order, this month's run and pay.</summary>
    private async Task<Station> ChineseStationAsync()
    {
        var d = await host.Data.ReadyAsync();
        var today = TestData.StationToday();
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var customer = (await d.FrontDesk.PostOk("/api/v1/customers", new
        {
            name = "周女士", phones = new[] { phone },
            addresses = new[] { new { district = "浦东新区", street = "世纪大道 1 号", lat = 31.2397, lon = 121.4998 } },
        })).Str("id");
        async Task<string> Appliance(string maker) => (await d.FrontDesk.PostOk($"/api/v1/customers/{customer}/appliances", new
        {
            category = "WashingMachine", manufacturerId = maker, model = "XQG100-B12866", purchaseDate = today.AddMonths(-2).ToString("yyyy-MM-dd"),
        })).Str("id");
        var tomorrow = today.AddDays(1).ToString("yyyy-MM-dd");
        var open = await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = await Appliance(d.ManufacturerId), faultDescription = "洗衣机不脱水",
            appointment = new { from = $"{tomorrow}T10:00:00+08:00", to = $"{tomorrow}T12:00:00+08:00" },
        });

        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "美的" + Random.Shared.Next(100, 999) })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", new
        {
            validFrom = today.AddYears(-1).ToString("yyyy-MM-dd"), categories = new[] { "WashingMachine" },
            fees = new { repair = new[] { new { category = "WashingMachine", level = "Minor", amount = 80.50m } }, partsReimbursement = "AtCost" },
        });
        var done = await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = await Appliance(maker), faultDescription = "洗衣机不进水",
        });
        await d.CompleteByTechnicianA(done.Str("id"));
        var period = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period });
        var strict = await Claims.ClaimSetup.MakerWithRules(d, new { evidence = new[] { new { type = "Repair", kinds = new[] { "Nameplate" } } } }, "格力");
        var waiting = await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = await Appliance(strict), faultDescription = "洗衣机漏水",
        });
        await d.CompleteByTechnicianA(waiting.Str("id"));
        if ((await d.Finance.GetOk("/api/v1/payroll/rules"))["items"]!.AsArray().Count == 0) // both walks share the station
            await d.Finance.PostOk("/api/v1/payroll/rules", new { validFrom = today.AddYears(-1).ToString("yyyy-MM-dd"), rates = new[] { new { type = "Repair", amount = 80.50m } } });
        await d.Finance.PostOk($"/api/v1/payroll/periods/{period}/calculate", null, System.Net.HttpStatusCode.OK);
        return new Station(phone, open.Str("number"), tomorrow, period);
    }
}
