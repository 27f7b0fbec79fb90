using System.Net;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Stores;

/// <summary>
/// Store B's people (manager, front desk, technician) against store A's records in the populated station: every read
/// and every change of another store's record answers 404, as if it did not exist, and writes nothing; their lists hold
/// none of store A's rows. Headquarters sees both stores and narrows any list with `storeId`.
/// </summary>
public class ChainScopeTests(RefusalStation station) : IClassFixture<RefusalStation>
{
    private const string B = "managerOfStoreB", Desk = "deskOfStoreB", Tech = "techOfStoreB";

    /// <summary>Each kind of store-A record, read and changed by a store-B user. (Settlement runs and stock are scoped by their own tests.)</summary>
    private static readonly Refused[] OtherStores =
    [
        new("work order read",                 B,    "GET",   "/api/v1/work-orders/{orderNew}", null, 404),
        new("work order timeline read",        B,    "GET",   "/api/v1/work-orders/{orderNew}/events", null, 404),
        new("work order charges read",         B,    "GET",   "/api/v1/work-orders/{orderCompleted}/charges", null, 404),
        new("work order photos read",          B,    "GET",   "/api/v1/work-orders/{orderOnSite}/photos", null, 404),
        new("work order edited",               Desk, "PATCH", "/api/v1/work-orders/{orderNew}", """{"priority":"Urgent"}""", 404, IfMatch: "\"1\""),
        new("work order assigned",             B,    "POST",  "/api/v1/work-orders/{orderNew}/assign", """{"technicianId":"{techOfStoreB}"}""", 404),
        new("work order unassigned",           B,    "POST",  "/api/v1/work-orders/{orderAssigned}/unassign", """{"reason":"x"}""", 404),
        new("work order cancelled",            Desk, "POST",  "/api/v1/work-orders/{orderNew}/cancel", """{"reason":"x"}""", 404),
        new("work order closed",               Desk, "POST",  "/api/v1/work-orders/{orderCompleted}/close", null, 404),
        new("work order paid",                 Desk, "POST",  "/api/v1/work-orders/{orderCompleted}/payments", """{"amount":1,"method":"Cash"}""", 404),
        new("work order reworked",             Desk, "POST",  "/api/v1/work-orders/{orderClosed}/rework", """{}""", 404),
        new("work order transferred",          B,    "POST",  "/api/v1/work-orders/{orderNew}/transfer", """{"toStoreId":"{storeB}","reason":"x"}""", 404),
        new("partner step",                    Desk, "POST",  "/api/v1/work-orders/{orderPartner}/partner/accept", null, 404),
        new("job read on the phone",           Tech, "GET",   "/api/v1/mobile/jobs/{orderAssigned}", null, 404),
        new("job accepted on the phone",       Tech, "POST",  "/api/v1/mobile/jobs/{orderAssigned}/accept", null, 404),
        new("technician read",                 B,    "GET",   "/api/v1/technicians/{techA}", null, 404),
        new("technician edited",               B,    "PUT",   "/api/v1/technicians/{techA}", """{"name":"Z","phone":"1","skills":["Tv"]}""", 404),
        new("technician's loans read",         B,    "GET",   "/api/v1/technicians/{techA}/loans", null, 404),
        new("technician lent",                 B,    "POST",  "/api/v1/technicians/{techA}/loans", """{"toStoreId":"{storeB}","from":"{tomorrow}","to":"{tomorrow}"}""", 404),
        new("dispatch candidates read",        B,    "GET",   "/api/v1/dispatch/candidates?workOrderId={orderNew}", null, 404),
        new("day plan read",                   B,    "GET",   "/api/v1/dispatch/plans/{planReady}", null, 404),
        new("day plan applied",                B,    "POST",  "/api/v1/dispatch/plans/{planReady}/apply", null, 404),
        new("dispatch settings read",          B,    "GET",   "/api/v1/dispatch/settings/{store}", null, 404),
        new("dispatch settings changed",       B,    "PUT",   "/api/v1/dispatch/settings/{store}", """{"roadFactor":1.3,"citySpeedKmh":30,"autoDispatch":false}""", 404),
        new("complaint read",                  B,    "GET",   "/api/v1/complaints/{complaint}", null, 404),
        new("complaint assigned",              B,    "POST",  "/api/v1/complaints/{complaint}/assign", """{"ownerUserId":"{managerUser}"}""", 404),
        new("complaint resolved",              Desk, "POST",  "/api/v1/complaints/{complaint}/resolve", """{"resolution":"x"}""", 404),
        new("complaint closed",                Desk, "POST",  "/api/v1/complaints/{complaintResolved}/close", null, 404),
        new("callback result recorded",        Desk, "POST",  "/api/v1/callbacks/{callback}/result", """{"outcome":"NoAnswer"}""", 404),
        new("claim released",                  B,    "POST",  "/api/v1/claims/{claimClaimed}/release", """{"reason":"厂家同意"}""", 404),
        new("old part read",                   B,    "GET",   "/api/v1/old-parts/{oldPart}", null, 404),
        new("old part label printed",          B,    "GET",   "/api/v1/old-parts/{oldPart}/label", null, 404),
        new("old part checked in",             Desk, "POST",  "/api/v1/old-parts/{oldPartTag}/check-in", null, 404),
        new("old part written off",            B,    "POST",  "/api/v1/old-parts/{oldPart}/write-off", """{"status":"Lost","reason":"x"}""", 404),
        new("old-part return read",            B,    "GET",   "/api/v1/old-parts/returns/{return}", null, 404),
        new("old-part packing list read",      B,    "GET",   "/api/v1/old-parts/returns/{return}/packing-list", null, 404),
        new("old-part return received",        Desk, "POST",  "/api/v1/old-parts/returns/{return}/received", """{"receivedOn":"{today}"}""", 404),
        // A record named in a body is a field that names nothing the caller has (400), as for an unknown id.
        new("old part put in a return",        Desk, "POST",  "/api/v1/old-parts/returns", """{"manufacturerId":"{maker}","tags":["{oldPartInStoreTag}"],"carrier":"x","waybill":"y"}""", 400),
        new("day plan of another store",       B,    "POST",  "/api/v1/dispatch/plans", """{"storeId":"{store}","date":"{tomorrow}"}""", 400),
        new("urgent insertion",                B,    "POST",  "/api/v1/dispatch/urgent-insertions", """{"workOrderId":"{orderNew}"}""", 400),
        new("complaint about an order",        Desk, "POST",  "/api/v1/complaints", """{"customerId":"{customer}","workOrderId":"{orderCompleted}","source":"Phone","description":"x"}""", 400),
    ];

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var row in OtherStores) cases.Add(row.Why);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AStoreBUserNeitherSeesNorChangesAStoreARecord(string why)
    {
        var row = OtherStores.Single(r => r.Why == why);
        var s = await station.ReadyAsync();
        var before = await DatabaseSnapshot.TakeAsync(s.Db);

        var response = await s.As(row.As).SendAsync(RefusalTableTests.Request(row, s.Ids));

        await response.ShouldBeProblem((HttpStatusCode)row.Status);
        (await DatabaseSnapshot.TakeAsync(s.Db)).DifferencesFrom(before).Should().BeEmpty("{0} by store B was refused", why);
    }

    public static TheoryData<string> Lists() =>
    [
        "/api/v1/work-orders", "/api/v1/technicians", "/api/v1/complaints", "/api/v1/claims",
        "/api/v1/old-parts", "/api/v1/old-parts/returns",
    ];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task StoreBsListsHoldNoneOfStoreAAndHeadquartersFiltersByStore(string list)
    {
        var s = await station.ReadyAsync();
        var (storeA, storeB) = (s.Ids["store"], s.Ids["storeB"]);

        var mine = await StoresOf(s.As(B), list);
        var onlyA = await StoresOf(s.As("admin"), list + "?storeId=" + storeA);
        var onlyB = await StoresOf(s.As("admin"), list + "?storeId=" + storeB);
        var all = await StoresOf(s.As("admin"), list);

        mine.Should().NotContain(storeA);
        all.Should().Contain(storeA);
        onlyA.Should().NotBeEmpty().And.OnlyContain(x => x == storeA);
        onlyB.Should().NotContain(storeA);
        if (list == "/api/v1/work-orders")
        {
            (mine, all).Should().Match<(List<string> Mine, List<string> All)>(p => p.Mine.Contains(storeB) && p.All.Contains(storeB));
            onlyB.Should().NotBeEmpty();
        }
    }

    [Fact]
    public async Task AStoreBoundUserAskingForAnotherStoresListIsRefusedOrGetsNothing()
    {
        var s = await station.ReadyAsync();
        foreach (var list in new[] { "/api/v1/work-orders", "/api/v1/complaints" })
            await (await s.As(B).GetAsync(list + "?storeId=" + s.Ids["store"])).ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");
        (await s.As(B).GetOk("/api/v1/technicians?storeId=" + s.Ids["store"]))["items"]!.AsArray().Should().BeEmpty();
    }

    /// <summary>The store ids of a list's first page (every listed row carries its store).</summary>
    private static async Task<List<string>> StoresOf(HttpClient client, string url) =>
        (await client.GetOk(url))["items"]!.AsArray().Select(i => i!["storeId"]!.GetValue<string>()).ToList();
}
