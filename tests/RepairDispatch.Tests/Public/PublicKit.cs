using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Public;

/// <summary>What the customer-page tests share: links made at the desk, their tokens, and the SMS codes in the outbox.</summary>
public static class PublicKit
{
    public static string TokenOf(string url) => url[(url.LastIndexOf('/') + 1)..];

    public static async Task<string> OrderToken(TestData d, string orderId) =>
        TokenOf((await d.FrontDesk.PostOk($"/api/v1/work-orders/{orderId}/customer-link", null)).Str("url"));

    public static async Task<string> ApplianceToken(TestData d, string applianceId) =>
        TokenOf((await d.FrontDesk.GetOk($"/api/v1/appliances/{applianceId}/qr-link")).Str("url"));

    /// <summary>A customer's order booked for tomorrow morning (store time), not yet assigned.</summary>
    public static async Task<(string Id, string ApplianceId, string Phone)> BookedOrder(TestData d)
    {
        var (customerId, applianceId) = await d.CustomerWithAppliance();
        var tomorrow = TestData.StationToday().AddDays(1).ToString("yyyy-MM-dd");
        var order = await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId, applianceId, faultDescription = "Drum does not spin",
            appointment = new { from = $"{tomorrow}T09:00:00+08:00", to = $"{tomorrow}T12:00:00+08:00" },
        });
        var phone = (await d.FrontDesk.GetOk($"/api/v1/customers/{customerId}"))["phones"]![0]!.GetValue<string>();
        return (order.Str("id"), applianceId, phone);
    }

    /// <summary>A customer with one appliance, its sticker's token and the customer's phone on file.</summary>
    public static async Task<(string CustomerId, string ApplianceId, string Phone, string Token)> Sticker(TestData d)
    {
        var (customerId, applianceId) = await d.CustomerWithAppliance();
        var phone = (await d.FrontDesk.GetOk($"/api/v1/customers/{customerId}"))["phones"]![0]!.GetValue<string>();
        return (customerId, applianceId, phone, await ApplianceToken(d, applianceId));
    }

    public static Task<HttpResponseMessage> Depart(TestData d, string id) => d.TechA.PostAsync($"/api/v1/mobile/jobs/{id}/{"depart"}", null);

    public static async Task Assign(TestData d, string id, bool accept = true)
    {
        await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);
        if (accept) (await d.TechA.PostAsync($"/api/v1/mobile/jobs/{id}/accept", null)).EnsureSuccessStatusCode();
    }

    /// <summary>The latest SMS code texted to a phone (read from the outbox, as the gateway would send it).</summary>
    public static async Task<string?> LatestCode(ApiFactory api, string phone)
    {
        await using var c = await api.Db.OpenAsync();
        var body = await c.QueryFirstOrDefaultAsync<string>(
            "SELECT body FROM outbox_messages WHERE recipient = @Phone AND template = 'VerificationCode' ORDER BY created_at DESC, id DESC", new { Phone = phone });
        return body is null ? null : System.Text.RegularExpressions.Regex.Match(body, "[0-9]{6}").Value;
    }

    public static async Task<long> Count(ApiFactory api, string sql, object? args = null)
    {
        await using var c = await api.Db.OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql, args);
    }

    public static JsonObject Window(JsonNode view, int index) => view["offeredWindows"]![index]!.AsObject();
}
