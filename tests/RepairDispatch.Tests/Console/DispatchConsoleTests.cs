using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Dispatch;
using Microsoft.Playwright;
using RepairDispatch.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RepairDispatch.Tests.Console;

public class DispatchConsoleTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [BrowserFact]
    public async Task ManagerAssignsTomorrowsOrderFromItsCandidates()
    {
        var d = await host.Data.ReadyAsync();
        var technician = (await d.Admin.PostOk("/api/v1/technicians", new
        {
            storeId = d.StoreId, code = "T-W", name = "李师傅", phone = "13800000001", skills = new[] { "WashingMachine" },
            shift = new { from = "08:00", to = "20:00" }, workDays = new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" },
        })).Str("id");
        var (customerId, applianceId) = await d.CustomerWithAppliance();
        var tomorrow = TestData.StationToday().AddDays(1).ToString("yyyy-MM-dd");
        var order = await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId, applianceId, faultDescription = "不脱水",
            appointment = new { from = $"{tomorrow}T10:00:00+08:00", to = $"{tomorrow}T12:00:00+08:00" },
        });

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "manager1");
            await page.GetByRole(AriaRole.Link, new() { Name = "派工" }).ClickAsync();
            var tomorrowColumn = page.Locator(".board-column", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "明天" }) });
            await tomorrowColumn.GetByRole(AriaRole.Button, new() { Name = order.Str("number") }).ClickAsync();

            await Expect(page.Locator(".candidate", new() { HasText = "李师傅" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "派给 李师傅" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已派给 李师傅");
            await Expect(tomorrowColumn.GetByRole(AriaRole.Button, new() { Name = order.Str("number") })).ToHaveCountAsync(0);
        });

        var assigned = await d.Manager.GetOk($"/api/v1/work-orders/{order.Str("id")}");
        assigned.Str("status").Should().Be("Assigned");
        assigned.Str("technicianId").Should().Be(technician);
    }

    [BrowserFact]
    public async Task ManagerProducesAndAppliesTomorrowsPlanAndSeesTheRoutes()
    {
        var d = await host.Data.ReadyAsync();
        var customer = (await d.FrontDesk.PostOk("/api/v1/customers", new
        {
            name = "陈先生", phones = new[] { "139" + Random.Shared.Next(10_000_000, 99_999_999) },
            addresses = new[] { new { district = "徐汇区", street = "漕溪北路 1 号", lat = 31.19, lon = 121.44 } },
        })).Str("id");
        var appliance = (await d.FrontDesk.PostOk($"/api/v1/customers/{customer}/appliances",
            new { category = "Refrigerator", manufacturerId = d.ManufacturerId, model = "BCD-500" })).Str("id");
        var tomorrow = TestData.StationToday().AddDays(1).ToString("yyyy-MM-dd");
        var order = await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "不制冷",
            appointment = new { from = $"{tomorrow}T14:00:00+08:00", to = $"{tomorrow}T16:00:00+08:00" },
        });

        await host.OnPageAsync(async page =>
        {
            await ConsoleSteps.SignInAsync(page, "manager1");
            await page.GetByRole(AriaRole.Link, new() { Name = "派工" }).ClickAsync();
            // The plan's day reads yyyy-MM-dd whatever the browser's locale (a native date input would show 12/02/2026).
            var day = page.GetByLabel("日期", new() { Exact = true });
            await Expect(day).ToHaveValueAsync(tomorrow);
            await Expect(day).ToHaveAttributeAsync("type", "text");
            await page.GetByRole(AriaRole.Button, new() { Name = "生成明日排程" }).ClickAsync();
            // No job server in tests: compute the queued plan as the recurring sweep would, while the page polls.
            await Expect(page.Locator("#plan-title ~ div")).ToContainTextAsync("排程状态");
            using (var scope = host.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DayPlanJob>().SweepAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "应用排程" })).ToBeVisibleAsync(new() { Timeout = 15_000 });

            await page.GetByRole(AriaRole.Button, new() { Name = "应用排程" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已应用：1 单派出");

            // The route on the page is the one the plan gave the order: its technician, the visit at 14:00.
            var planned = await d.Manager.GetOk($"/api/v1/work-orders/{order.Str("id")}");
            planned.Str("status").Should().Be("Assigned");
            var technician = await d.Manager.GetOk($"/api/v1/technicians/{planned.Str("technicianId")}");
            var routes = page.Locator("#plan-title ~ div");
            await Expect(routes).ToContainTextAsync(technician.Str("name"));
            await Expect(routes).ToContainTextAsync($"14:00 {order.Str("number")[^4..]}");
        });
    }
}
