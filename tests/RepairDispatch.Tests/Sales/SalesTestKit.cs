using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Sales;

/// <summary>A till of the test station's store (a machine client with sales:write) and sales shaped as a POS sends them.</summary>
public static class SalesTestKit
{
    public static readonly DateOnly Today = TestData.StationToday();
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>This morning in Shanghai (the test clock starts at 05:00 there): 03:00 local, on the station's day.</summary>
    public static readonly DateTimeOffset SoldAt = new(Today.ToDateTime(new TimeOnly(3, 0)), TimeSpan.FromHours(8));

    public static async Task<(HttpClient Till, string ClientId, string Secret)> Till(ApiFactory api, TestData d, string? storeId = null,
        params string[] scopes)
    {
        var created = await d.Admin.PostOk("/api/v1/clients", new
        {
            name = "POS " + Guid.NewGuid().ToString("N")[..8], scopes = scopes.Length == 0 ? ["sales:write"] : scopes, storeId = storeId ?? d.StoreId,
        });
        return (await api.MachineClient(created.Str("clientId"), created.Str("clientSecret")), created.Str("clientId"), created.Str("clientSecret"));
    }

    public static string Phone() => "137" + Random.Shared.Next(10_000_000, 99_999_999);

    public static object Line(int lineNo, string category, string manufacturerId, decimal price = 2999m, int qty = 1, string? serial = null,
        bool? needsInstallation = null, DateOnly? deliveryOn = null) => new
    {
        lineNo, category, manufacturerId, model = category + "-M1", serialNumber = serial, qty, price, invoiceNumber = "FP-" + lineNo,
        needsInstallation, deliveryOn = deliveryOn is { } day ? Day(day) : null,
    };

    public static object Sale(string saleNumber, string phone, params object[] lines) => new
    {
        saleNumber, soldAt = SoldAt,
        customer = new { name = "王女士", phones = new[] { phone }, address = new { district = "浦东新区", street = "世纪大道 100 号" } },
        lines,
    };

    public static Task<HttpResponseMessage> Send(HttpClient till, object sale) => till.PostAsJsonAsync("/api/v1/sales-orders", sale);

    public static List<string> Ids(JsonObject answer, string name) => answer[name]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
}
