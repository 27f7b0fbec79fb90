using System.Net;
using Dapper;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Stock;

/// <summary>Parts, deliveries and jobs on site for the stock tests, and the ledger's own check of itself.</summary>
public static class StockSetup
{
    public static async Task<string> NewPart(TestData d, string name = "Door seal", decimal cost = 30m) =>
        (await d.Admin.PostOk("/api/v1/parts", new
        {
            partNumber = "SK-" + Guid.NewGuid().ToString("N")[..8], name, category = "WashingMachine", mainPart = false, cost, retailPrice = cost * 2,
        })).Str("id");

    public static Task<System.Text.Json.Nodes.JsonObject> Receive(HttpClient client, string locationId, string partId, int qty, decimal? unitCost = null,
        string? reference = null, HttpStatusCode expected = HttpStatusCode.Created) =>
        client.PostOk("/api/v1/stock/receipts", new
        {
            locationId, reference = reference ?? "DN-" + Guid.NewGuid().ToString("N")[..8], lines = new[] { new { partId, qty, unitCost } },
        }, expected);

    public static async Task<long> OnHand(HttpClient client, string locationId, string partId)
    {
        var items = (await client.GetOk($"/api/v1/stock?locationId={locationId}&partId={partId}"))["items"]!.AsArray();
        return items.Count == 0 ? 0 : items.Single()!["onHand"]!.GetValue<long>();
    }

    /// <summary>A new order for technician A, accepted, travelled to and arrived at; returns its id.</summary>
    public static async Task<string> OnSiteForTechnicianA(TestData d)
    {
        var id = (await d.NewWorkOrder()).Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);
        foreach (var step in new[] { "accept", "depart" }) (await d.TechA.PostAsync($"/api/v1/mobile/jobs/{id}/{step}", null)).EnsureSuccessStatusCode();
        (await TestData.Arrive(d.TechA, id)).EnsureSuccessStatusCode();
        return id;
    }

    public static object Completion(string partId, int qty) =>
        new { repairLevel = "PartReplacement", mainPart = false, labourMinutes = 30, parts = new[] { new { partId, qty } } };

    /// <summary>Every balance row equals the sum of its ledger, and no ledger has a balance row missing.</summary>
    public static async Task LedgerMatchesBalances(ApiFactory api)
    {
        await using var c = await api.Db.OpenAsync();
        var mismatches = await c.QueryAsync<string>("""
            SELECT b.location_id FROM stock_balances b
            WHERE b.on_hand <> (SELECT COALESCE(SUM(m.qty), 0) FROM stock_movements m WHERE m.location_id = b.location_id AND m.part_id = b.part_id)
            UNION ALL
            SELECT m.location_id FROM stock_movements m
            WHERE NOT EXISTS (SELECT 1 FROM stock_balances b WHERE b.location_id = m.location_id AND b.part_id = m.part_id)
            """);
        mismatches.Should().BeEmpty("on hand is the ledger's sum");
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM stock_balances WHERE on_hand < 0")).Should().Be(0);
    }

    /// <summary>A location's ledger of a part in the order it was written (SQLite's rowid).</summary>
    public static async Task<List<(string Kind, long Qty)>> Movements(ApiFactory api, string locationId, string partId)
    {
        await using var c = await api.Db.OpenAsync();
        return (await c.QueryAsync<(string, long)>("SELECT kind, qty FROM stock_movements WHERE location_id = @L AND part_id = @P ORDER BY rowid",
            new { L = locationId, P = partId })).ToList();
    }
}
