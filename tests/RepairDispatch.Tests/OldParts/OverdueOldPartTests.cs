using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.OldParts;

/// <summary>Overdue is the store's today past the due day, for parts not yet shipped back; the clock moves, so this class has its own station.</summary>
public class OverdueOldPartTests(StationFixture api) : IClassFixture<StationFixture>
{
    // A token of the day before has expired on the moved clock.
    private async Task<HttpClient> SignIn(string username, string password = ApiFactory.UserPassword)
    {
        var client = api.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password })).Json();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.Str("accessToken"));
        return client;
    }

    [Fact]
    public async Task APartNotHandedInByItsDueDayIsListedOverdueUntilItIsShipped()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await OldPartSetup.MakerWantingPartsBack(d, withinDays: 2);
        var late = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));
        var shipped = await OldPartSetup.PartOf(d.FrontDesk, await OldPartSetup.RepairedWithPart(d, maker));
        await d.FrontDesk.PostOk($"/api/v1/old-parts/{shipped.Str("tag")}/check-in", null, HttpStatusCode.OK);
        await d.FrontDesk.PostOk("/api/v1/old-parts/returns", new { manufacturerId = maker, tags = new[] { shipped.Str("tag") }, carrier = "EMS", waybill = "E1" });

        api.Clock.Advance(TimeSpan.FromDays(2)); // the due day itself: not yet overdue
        var desk = await SignIn("desk1");
        (await desk.GetOk($"/api/v1/old-parts?overdue=true&manufacturerId={maker}"))["items"]!.AsArray().Should().BeEmpty();
        api.Clock.Advance(TimeSpan.FromDays(1));
        desk = await SignIn("desk1");
        var technician = await SignIn("tech-a");

        var overdue = (await desk.GetOk($"/api/v1/old-parts?overdue=true&manufacturerId={maker}"))["items"]!.AsArray();
        overdue.Select(p => p.Str("tag")).Should().Equal(late.Str("tag"));
        overdue[0]!["overdue"]!.GetValue<bool>().Should().BeTrue();
        (await desk.GetOk($"/api/v1/old-parts?overdue=false&manufacturerId={maker}"))["items"]!.AsArray()
            .Select(p => p.Str("tag")).Should().Equal(shipped.Str("tag"));
        (await technician.GetOk("/api/v1/mobile/old-parts"))["items"]!.AsArray().Single(p => p.Str("tag") == late.Str("tag"))!["overdue"]!
            .GetValue<bool>().Should().BeTrue();
        await (await (await SignIn("admin", ApiFactory.AdminPassword)).GetAsync("/api/v1/old-parts?overdue=true")).ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");
    }
}
