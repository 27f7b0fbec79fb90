using System.Globalization;
using Dapper;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Settlements;

public sealed record Chain(TestData D, string StoreA, string CodeA, string StoreB, string CodeB, HttpClient FinanceA, HttpClient FinanceB);

/// <summary>A chain of two stores for settlement tests, on whichever database the factory runs (SQLite or SQL Server).</summary>
public static class ChainSetup
{
    private static DateOnly Today() => TestData.StationToday();

    public static string Period() => Today().ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The station's store A, a second store B, and a finance user bound to each.</summary>
    public static async Task<Chain> TwoStoresAsync(ApiFactory api, TestData d)
    {
        var key = Guid.NewGuid().ToString("N")[..6];
        var codeA = (await d.Admin.GetOk($"/api/v1/stores/{d.StoreId}")).Str("code");
        var codeB = "B-" + key;
        var storeB = (await d.Admin.PostOk("/api/v1/stores", new { code = codeB, name = "徐汇店", city = "上海", address = "漕溪路 88 号" })).Str("id");
        var financeA = await d.User("fin-a-" + key, "finance");
        await d.Admin.PostOk("/api/v1/users", new { username = "fin-b-" + key, password = ApiFactory.UserPassword, role = "finance", storeId = storeB });
        return new Chain(d, d.StoreId, codeA, storeB, codeB, financeA, await api.ClientAs("fin-b-" + key));
    }

    /// <summary>A manufacturer paying 80.50 for a minor washing-machine repair, signed by headquarters (no store).</summary>
    public static async Task<string> ManufacturerAsync(TestData d)
    {
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "格力 " + Guid.NewGuid().ToString("N")[..8] })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", new
        {
            validFrom = Today().AddYears(-1).ToString("yyyy-MM-dd"), categories = new[] { "WashingMachine" },
            fees = new { repair = new[] { new { category = "WashingMachine", level = "Minor", amount = 80.50m } }, partsReimbursement = "AtCost" },
        });
        return maker;
    }

    /// <summary>A repair of the maker's machine, completed; when a store is given, the order was one of that store's.</summary>
    public static async Task<string> CompletedRepairAsync(ApiFactory api, TestData d, string maker, string? store = null)
    {
        var (customer, appliance) = await d.CustomerWithAppliance(Today().AddMonths(-3), manufacturerId: maker);
        var id = (await d.WorkOrder(customer, appliance)).Str("id");
        await d.CompleteByTechnicianA(id, "Minor", 45);
        if (store is not null) await MoveToAsync(api, id, store);
        return id;
    }

    /// <summary>
    /// Orders are taken and completed at store A through the API (its desk and technicians); an order "of store B" is
    /// then moved there in the database, as if B's own desk had taken it, before any run takes its charges.
    /// </summary>
    public static async Task MoveToAsync(ApiFactory api, string workOrder, string store)
    {
        await using var c = await api.Db.OpenAsync();
        var args = new { Id = Guid.Parse(workOrder), Store = Guid.Parse(store) };
        await c.ExecuteAsync("UPDATE work_orders SET store_id = @Store WHERE id = @Id", args);
        await c.ExecuteAsync("UPDATE work_order_claims SET store_id = @Store WHERE work_order_id = @Id", args);
    }
}
