using System.Net;
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
}
