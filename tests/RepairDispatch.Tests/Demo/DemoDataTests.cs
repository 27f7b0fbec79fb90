using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Demo;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Demo;

public sealed class DemoDataTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private DemoData Demo => api.Services.GetRequiredService<DemoData>();

    [Fact]
    public async Task Seed_fills_a_fresh_database_through_the_api_and_a_second_run_adds_nothing()
    {
        (await Demo.SeedAsync(api.Server.BaseAddress, ApiFactory.AdminPassword, api.CreateClient())).Should().BeTrue();
        var admin = await api.AdminClient();

        (await All(admin, "/api/v1/manufacturers")).Select(m => m.Str("name")).Should().BeEquivalentTo("海尔 Haier", "美的 Midea", "格力 Gree");
        var technicians = await All(admin, "/api/v1/technicians");
        technicians.Should().HaveCount(8);
        technicians.SelectMany(t => t!["skills"]!.AsArray().Select(s => s!.GetValue<string>())).Distinct().Should().HaveCount(9, "every category has a technician");
        (await All(admin, "/api/v1/customers")).Should().HaveCount(DemoData.CustomerCount);
        var orders = await All(admin, "/api/v1/work-orders");
        orders.Should().HaveCountGreaterThanOrEqualTo(30);
        orders.Select(o => o.Str("status")).Distinct().Should().HaveCountGreaterThanOrEqualTo(5);
        orders.Should().Contain(o => o!["installerPartnerId"] != null, "installations go to an installer partner");
        var users = (await admin.GetOk("/api/v1/users"))["items"]!.AsArray().Select(u => u.Str("role")).ToList();
        users.Should().Contain(["admin", "manager", "frontdesk", "finance", "technician"]);
        var clock = api.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var paid = new List<JsonNode?>();
        foreach (var month in new[] { clock.AddMonths(-1), clock }.Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))
            paid.AddRange((await admin.PostOk($"/api/v1/payroll/periods/{month}/calculate", null, System.Net.HttpStatusCode.OK))["technicians"]!.AsArray()
                .SelectMany(t => t!["lines"]!.AsArray()));
        paid.Should().NotBeEmpty("the payroll screen pays the demo's completed jobs").And.NotContain(l => l.Str("code") == "NoRate", "every job has a rate");

        var counts = await Counts();
        (await Demo.SeedAsync(api.Server.BaseAddress, ApiFactory.AdminPassword, api.CreateClient())).Should().BeTrue();
        (await Counts()).Should().Equal(counts);
    }

    [Fact]
    public async Task Seed_refuses_without_the_admin_password_and_adds_nothing()
    {
        var before = await Counts();
        (await Demo.SeedAsync(api.Server.BaseAddress, null, api.CreateClient())).Should().BeFalse();
        (await Demo.SeedAsync(api.Server.BaseAddress, "not-the-admin-password", api.CreateClient())).Should().BeFalse();
        (await Counts()).Should().Equal(before);
    }

    private async Task<long[]> Counts()
    {
        var data = new TestData(api);
        var tables = new[] { "manufacturers", "technicians", "installer_partners", "parts", "users", "customers", "appliances", "work_orders" };
        var counts = new List<long>();
        foreach (var table in tables) counts.Add(await data.CountRows(table));
        return [.. counts];
    }

    /// <summary>Every item of a list route, following the cursors.</summary>
    private static async Task<List<JsonNode?>> All(HttpClient client, string path)
    {
        var items = new List<JsonNode?>();
        string? cursor = null;
        do
        {
            var page = await client.GetOk($"{path}?pageSize=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            items.AddRange(page["items"]!.AsArray());
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        return items;
    }
}
