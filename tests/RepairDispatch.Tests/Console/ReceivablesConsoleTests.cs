using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Receivables;
using RepairDispatch.Tests.Settlements;
using RepairDispatch.Tests.Statements;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

public class ReceivablesConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [BrowserFact]
    public async Task FinanceRecordsAPaymentAgainstAStatementAndSeesTheAgingBarsShrink()
    {
        var d = await host.Data.ReadyAsync();
        var maker = await SettlementRunTests.ManufacturerWithCompletedOrders(d, "Minor", "Major");
        var run = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = TestData.StationToday().ToString("yyyy-MM") })).Str("id");
        await d.Finance.PostOk($"/api/v1/settlements/runs/{run}/submit", null, HttpStatusCode.OK);
        var claims = await ReceivablesTests.ClaimsOf(host, run);
        (await d.Finance.PutAsJsonAsync($"/api/v1/manufacturers/{maker}/statement-mapping", TestStatements.Mapping())).EnsureSuccessStatusCode();
        await ReceivablesTests.Import(d, maker, TestData.StationToday().ToString("yyyy-MM"), ReceivablesTests.Line(1, claims[0]), ReceivablesTests.Line(2, claims[1]));
        var name = (await d.Finance.GetOk($"/api/v1/manufacturers/{maker}")).Str("name");
        var total = claims.Sum(c => c.AmountFen) / 100m;
        var first = claims[0].AmountFen / 100m;
        static string Yuan(decimal amount) => amount.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "finance1");
            await page.GetByRole(AriaRole.Link, new() { Name = "回款账龄" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("回款与应收账龄");
            var aging = page.GetByTestId($"aging-{maker}");
            await Expect(aging.GetByRole(AriaRole.Heading)).ToHaveTextAsync(name);
            await Expect(aging.GetByTestId("d0_30")).ToContainTextAsync(Yuan(total));
            await Expect(aging.GetByTestId("d31_60")).ToContainTextAsync("0.00");
            await Expect(aging.GetByTestId("median")).ToHaveTextAsync("一年内无回款");
            (await aging.Locator(".bar").First.EvaluateAsync<string>("b => b.style.width")).Should().NotBe("0%");

            var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "登记回款" }) });
            await form.GetByLabel("厂家").SelectOptionAsync(new SelectOptionValue { Label = name });
            await form.GetByRole(AriaRole.Checkbox).First.CheckAsync();
            await form.GetByLabel("金额").FillAsync((first + 1_000_000m).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await form.GetByLabel("银行流水号").FillAsync("ICBC-UI-1");
            await form.GetByRole(AriaRole.Button, new() { Name = "登记回款" }).ClickAsync();
            await Expect(form.GetByLabel("金额")).ToHaveAttributeAsync("aria-invalid", "true"); // more than the statement owes

            await form.GetByLabel("金额").FillAsync(first.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await form.GetByRole(AriaRole.Button, new() { Name = "登记回款" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已登记回款 ICBC-UI-1");
            await Expect(aging.GetByTestId("d0_30")).ToContainTextAsync(Yuan(total - first));
            await Expect(aging.GetByTestId("median")).ToHaveTextAsync("回款中位天数 0 天");
            await Expect(form).ToContainTextAsync($"尚欠 ¥{Yuan(total - first)}");
        });
    }
}
