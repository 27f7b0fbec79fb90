using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Customers;

/// <summary>Users of each role and the reference data the master-data tests need, made through the API.</summary>
public static class MasterDataSetup
{
    public static async Task<string> DefaultStoreId(this ApiFactory api)
    {
        var admin = await api.AdminClient();
        return (await admin.GetOk("/api/v1/stores"))["items"]![0].Str("id");
    }

    public static async Task<string> NewStoreId(this ApiFactory api)
    {
        var admin = await api.AdminClient();
        var code = "S" + Guid.NewGuid().ToString("N")[..8];
        return (await admin.PostOk("/api/v1/stores", new { code, name = "Store " + code, city = "Hangzhou", address = "1 Test Road" })).Str("id");
    }

    /// <summary>A signed-in client of a new user with the role; store defaults to the default store.</summary>
    public static async Task<HttpClient> NewUser(this ApiFactory api, string role, string? storeId = null)
    {
        var admin = await api.AdminClient();
        storeId ??= await api.DefaultStoreId();
        var username = role + "-" + Guid.NewGuid().ToString("N")[..8];
        string? technicianId = null;
        if (role == "technician")
            technicianId = (await admin.PostOk("/api/v1/technicians", new
            {
                storeId, code = username, name = "Tech " + username, phone = "13800000000", skills = new[] { "Tv" },
            })).Str("id");
        await admin.PostOk("/api/v1/users", new { username, password = ApiFactory.UserPassword, role, storeId, technicianId });
        return await api.ClientAs(username);
    }

    public static async Task<string> NewManufacturerId(this ApiFactory api, string? name = null)
    {
        var admin = await api.AdminClient();
        return (await admin.PostOk("/api/v1/manufacturers", new { name = name ?? "Brand " + Guid.NewGuid().ToString("N")[..8] })).Str("id");
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}
