using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Kpis;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

public class KpisConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [BrowserFact]
    public async Task TheManagerSeesWeeklyTrendsAndTechniciansComparedWithEachDefinitionOneClickAway()
    {
        var d = await host.Data.ReadyAsync();
        var history = new KpiHistory(host, d);
        var a = await history.Repair(d.ManufacturerId);
        await history.Assign(a); await history.Arrive(a); await history.Complete(a, 30);

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "manager1");
            await page.GetByRole(AriaRole.Link, new() { Name = "经营指标" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("售后经营指标");
            var trend = page.GetByTestId("kpi-trend-firstTimeFixRate");
            await Expect(trend.Locator("svg polyline")).ToHaveCountAsync(1);
            (await trend.Locator("svg circle").CountAsync()).Should().BeGreaterThan(0);
            await Expect(page.GetByTestId("kpi-technicians").Locator("rect")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("kpi-technicians")).ToContainTextAsync("Technician T-A");
            await Expect(page.GetByTestId("kpi-technicians")).ToContainTextAsync("100.0%");

            var definition = trend.Locator("details");
            await Expect(definition.Locator("p")).Not.ToBeVisibleAsync();
            await trend.GetByText("一次修复率").ClickAsync();
            await Expect(definition.Locator("p")).ToBeVisibleAsync();
            await Expect(definition.Locator("p")).ToContainTextAsync("30天内没有返修单");
        });
    }
}
