using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Claims;

/// <summary>Manufacturers under contract with claim rules, their completed repairs, and their claims as finance lists them.</summary>
internal static class ClaimSetup
{
    /// <summary>A new manufacturer whose contract (Minor repair 80.50, since a year ago) carries these claim rules; its id.</summary>
    public static async Task<string> MakerWithRules(TestData d, object? claimRules, string name = "美的")
    {
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = name + " " + Random.Shared.Next(100_000, 1_000_000) })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", Contract(TestData.StationToday().AddYears(-1), claimRules));
        return maker;
    }

    public static object Contract(DateOnly validFrom, object? claimRules, string? supersedes = null) => new
    {
        validFrom = validFrom.ToString("yyyy-MM-dd"), categories = new[] { "WashingMachine" },
        fees = new { repair = new[] { new { category = "WashingMachine", level = "Minor", amount = 80.50m } }, partsReimbursement = "AtCost" },
        claimRules, supersedes,
    };

    /// <summary>A new order for an in-warranty washing machine of the maker, not yet completed; its id.</summary>
    public static async Task<string> OrderOf(TestData d, string maker)
    {
        var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddMonths(-2), manufacturerId: maker);
        return (await d.WorkOrder(customer, appliance)).Str("id");
    }

    public static async Task<string> CompletedOrderOf(TestData d, string maker)
    {
        var id = await OrderOf(d, maker);
        await d.CompleteByTechnicianA(id);
        return id;
    }

    /// <summary>The order's claim in finance's queue (filtered by its manufacturer).</summary>
    public static async Task<JsonObject> Claim(HttpClient finance, string maker, string order)
    {
        var items = (await finance.GetOk($"/api/v1/claims?manufacturerId={maker}"))["items"]!.AsArray();
        return items.Single(i => i.Str("workOrderId") == order)!.AsObject();
    }

    public static IEnumerable<string> Codes(JsonObject claim) => claim["blockerCodes"]!.AsArray().Select(b => b.Str("code"));

    /// <summary>A client signed in now: a cached token from before the clock moved has expired.</summary>
    public static async Task<HttpClient> SignInNow(ApiFactory api, string username, string password = ApiFactory.UserPassword)
    {
        var client = api.CreateClient();
        var token = await client.PostOk("/api/v1/auth/token", new { username, password }, HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.Str("accessToken"));
        return client;
    }

    public static async Task<string> CallbackOf(ApiFactory api, string order)
    {
        await using var c = await api.Db.OpenAsync();
        return (await c.ExecuteScalarAsync<Guid>("SELECT id FROM callbacks WHERE work_order_id = @Id", new { Id = Guid.Parse(order) })).ToString();
    }

    public static Task<JsonObject> CallbackResult(TestData d, string callback, string outcome) => CallbackResult(d.FrontDesk, callback, outcome);

    public static Task<JsonObject> CallbackResult(HttpClient desk, string callback, string outcome) =>
        desk.PostOk($"/api/v1/callbacks/{callback}/result", outcome == "Reached" ? new { outcome, satisfaction = 5 } : (object)new { outcome }, HttpStatusCode.OK);
}
