using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Payroll;

/// <summary>A station of its own per test (pay rules and months are the chain's, and tests move the clock), and pay's steps.</summary>
public static class PaySetup
{
    public const string June = "2026-06";
    public const string July = "2026-07";

    public static async Task<PayStation> StationAsync()
    {
        var api = new StationFixture();
        return new PayStation(api, await api.Data.ReadyAsync());
    }

    /// <summary>A rule version set by headquarters' finance.</summary>
    public static Task<JsonObject> Rules(PayStation p, string validFrom, object[] rates, object[]? bonuses = null, object[]? deductions = null) =>
        p.Finance.PostOk("/api/v1/payroll/rules", new { validFrom, rates, bonuses = bonuses ?? [], deductions = deductions ?? [] });


    public static Task<JsonObject> Calculate(HttpClient client, string period, string? storeId = null) =>
        client.PostOk($"/api/v1/payroll/periods/{period}/calculate{(storeId is null ? "" : "?storeId=" + storeId)}", null, HttpStatusCode.OK);

    public static Task<JsonObject> Approve(HttpClient client, string period, string? storeId = null) =>
        client.PostOk($"/api/v1/payroll/periods/{period}/approve{(storeId is null ? "" : "?storeId=" + storeId)}", null, HttpStatusCode.OK);

    /// <summary>A technician's lines of a month view as (workOrderId, code, amount).</summary>
    public static List<(string? Order, string Code, decimal Amount)> LinesOf(JsonObject view, string technicianId) =>
        (view["technicians"]!.AsArray().SingleOrDefault(t => t.Str("technicianId") == technicianId)?["lines"]?.AsArray() ?? [])
        .Select(l => (l!["workOrderId"]?.GetValue<string>(), l.Str("code"), l["amount"]!.GetValue<decimal>())).ToList();

    public static decimal TotalOf(JsonObject view, string technicianId) =>
        view["technicians"]!.AsArray().Single(t => t.Str("technicianId") == technicianId)!["total"]!.GetValue<decimal>();
}

/// <summary>The station's staff signed in at the service's clock: moving the clock days ahead signs them in again (tokens expire).</summary>
public sealed class PayStation(StationFixture api, TestData d) : IAsyncDisposable
{
    public StationFixture Api => api;
    public TestData D => d;
    public HttpClient Finance { get; private set; } = d.Finance;
    public HttpClient Manager { get; private set; } = d.Manager;
    public HttpClient Desk { get; private set; } = d.FrontDesk;
    public HttpClient TechA { get; private set; } = d.TechA;

    /// <summary>Moves the service's clock to a Shanghai wall-clock time.</summary>
    public async Task MoveTo(int year, int month, int day, int hour = 10)
    {
        api.Clock.Set(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(8)));
        (Finance, Manager, Desk, TechA) = (await SignIn("finance1"), await SignIn("manager1"), await SignIn("desk1"), await SignIn("tech-a"));
    }

    private Task<HttpClient> SignIn(string username) => Claims.ClaimSetup.SignInNow(api, username);

    /// <summary>A customer-paid repair (no purchase date: out of warranty) completed by technician A at the given level.</summary>
    public async Task<string> RepairByA(string level = "Minor")
    {
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var customer = (await Desk.PostOk("/api/v1/customers", new
        {
            name = "顾客 " + phone, phones = new[] { phone }, addresses = new[] { new { district = "Pudong", street = "1 Century Avenue" } },
        })).Str("id");
        var appliance = (await Desk.PostOk($"/api/v1/customers/{customer}/appliances", new { category = "WashingMachine", manufacturerId = d.ManufacturerId, model = "XQG100" })).Str("id");
        var id = (await Desk.PostOk("/api/v1/work-orders", new { type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "不脱水" })).Str("id");
        await Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);
        foreach (var step in new[] { "accept", "depart" }) (await TechA.PostAsync($"/api/v1/mobile/jobs/{id}/{step}", null)).EnsureSuccessStatusCode();
        (await TestData.Arrive(TechA, id)).EnsureSuccessStatusCode();
        await TechA.PostOk($"/api/v1/mobile/jobs/{id}/complete", new { repairLevel = level, mainPart = false, labourMinutes = 30 }, HttpStatusCode.OK);
        return id;
    }

    public async ValueTask DisposeAsync() => await api.DisposeAsync();
}
