using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;
using static RepairDispatch.Tests.Public.PublicKit;

namespace RepairDispatch.Tests.Public;

/// <summary>The customer's no-login page: what a link shows, what the customer may do with it, and when it stops working.</summary>
public class CustomerPageTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static string Sha256(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    [Fact]
    public async Task TheDesksLinkHoldsAnUnguessableTokenOfWhichOnlyTheHashIsStored()
    {
        var d = await api.Data.ReadyAsync();
        var (id, _, _) = await BookedOrder(d);

        var link = await d.FrontDesk.PostOk($"/api/v1/work-orders/{id}/customer-link", null);
        var token = TokenOf(link.Str("url"));

        link.Str("url").Should().Contain("/c/" + token);
        Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length.Should().BeGreaterThanOrEqualTo(16, "at least 128 bits");
        (await Count(api, "SELECT COUNT(*) FROM public_links WHERE token_hash = @Hash AND work_order_id = @Id",
            new { Hash = Sha256(token), Id = Guid.Parse(id) })).Should().Be(1);
        (await Count(api, "SELECT COUNT(*) FROM public_links WHERE token_hash = @Token OR code_hash = @Token", new { Token = token })).Should().Be(0);
        (await d.TechA.PostAsync($"/api/v1/work-orders/{id}/customer-link", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ThePageShowsStatusTechnicianAndWindowButNoAddressNoFullPhoneAndNoStaff()
    {
        var d = await api.Data.ReadyAsync();
        var (id, _, phone) = await BookedOrder(d);
        await Assign(d, id);
        var token = await OrderToken(d, id);

        var response = await api.CreateClient().GetAsync($"/api/v1/public/orders/{token}");
        var text = await response.Content.ReadAsStringAsync();
        var view = await response.Json();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (view.Str("status"), view.Str("technician"), view.Str("district")).Should().Be(("Accepted", "Technician T-A", "Pudong"));
        view.Str("phone").Should().Be(phone[..3] + "****" + phone[^4..]);
        view["appointment"]!.Str("from").Should().NotBeNullOrEmpty();
        view["timeline"]!.AsArray().Select(s => s.Str("kind")).Should().Equal("Created", "Assign", "Accept");
        text.Should().NotContain(phone).And.NotContain("Century Avenue").And.NotContain("desk1").And.NotContain("manager1").And.NotContain("Customer 139");
        view.Select(p => p.Key).Should().BeSubsetOf(["number", "status", "statusText", "technician", "appointment", "district", "phone", "appliance",
            "timeline", "canReschedule", "canCancel", "canRate", "offeredWindows", "satisfaction", "timeZone"]);
    }

    [Fact]
    public async Task ATokenOfAnotherOrderOrAnUnknownRevokedOrStickerTokenShowsNothing()
    {
        var d = await api.Data.ReadyAsync();
        var (mine, appliance, _) = await BookedOrder(d);
        var (other, _, _) = await BookedOrder(d);
        var otherToken = await OrderToken(d, other);
        var revoked = await OrderToken(d, mine);
        var sticker = await ApplianceToken(d, appliance);
        var anonymous = api.CreateClient();

        var otherView = await anonymous.GetOk($"/api/v1/public/orders/{otherToken}");
        (await d.FrontDesk.DeleteAsync($"/api/v1/work-orders/{mine}/customer-link")).StatusCode.Should().Be(HttpStatusCode.OK);

        otherView.Str("number").Should().NotBe((await d.FrontDesk.GetOk($"/api/v1/work-orders/{mine}")).Str("number"));
        foreach (var token in new[] { revoked, sticker, "A" + otherToken[1..] + "x", "not-a-token-at-all-not-a-token" })
        {
            var problem = await (await anonymous.GetAsync($"/api/v1/public/orders/{token}")).ShouldBeProblem(HttpStatusCode.NotFound);
            problem.ToJsonString().Should().NotContain("number");
        }
        (await anonymous.PostAsJsonAsync($"/api/v1/public/orders/{revoked}/cancel", new { reason = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ALinkExpires()
    {
        var d = await api.Data.ReadyAsync();
        var (id, _, _) = await BookedOrder(d);
        var link = await d.FrontDesk.PostOk($"/api/v1/work-orders/{id}/customer-link", null);
        var expires = DateTimeOffset.Parse(link.Str("expiresAt"), System.Globalization.CultureInfo.InvariantCulture);

        (expires - api.Clock.GetUtcNow()).TotalDays.Should().BeApproximately(30, 0.01);
        await using var c = await api.Db.OpenAsync();
        await c.ExecuteAsync("UPDATE public_links SET expires_at = @At WHERE token_hash = @Hash",
            new { At = api.Clock.GetUtcNow().AddSeconds(-1), Hash = Sha256(TokenOf(link.Str("url"))) });
        (await api.CreateClient().GetAsync($"/api/v1/public/orders/{TokenOf(link.Str("url"))}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheCustomerMovesTheVisitToAnOfferedWindowUntilTheTechnicianLeaves()
    {
        var d = await api.Data.ReadyAsync();
        var (id, _, _) = await BookedOrder(d);
        await Assign(d, id);
        var token = await OrderToken(d, id);
        var anonymous = api.CreateClient();
        var view = await anonymous.GetOk($"/api/v1/public/orders/{token}");
        var offered = Window(view, 2);

        var moved = await anonymous.PostOk($"/api/v1/public/orders/{token}/reschedule", offered, HttpStatusCode.OK);
        var order = await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}");
        var events = (await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}/events"))["items"]!.AsArray();

        DateTimeOffset.Parse(order["appointment"]!.Str("from")).Should().Be(DateTimeOffset.Parse(offered.Str("from")));
        moved["timeline"]!.AsArray().Select(s => s.Str("kind")).Should().EndWith("Rescheduled");
        events.Last()!.Str("actor").Should().Be("customer");
        (await (await anonymous.PostAsJsonAsync($"/api/v1/public/orders/{token}/reschedule",
            new { from = "2030-01-01T09:00:00+08:00", to = "2030-01-01T12:00:00+08:00" })).ShouldBeProblem(HttpStatusCode.BadRequest, "from")).Should().NotBeNull();

        (await Depart(d, id)).EnsureSuccessStatusCode();
        var late = await anonymous.GetOk($"/api/v1/public/orders/{token}");
        late["canReschedule"]!.GetValue<bool>().Should().BeFalse();
        late["offeredWindows"]!.AsArray().Should().BeEmpty();
        await (await anonymous.PostAsJsonAsync($"/api/v1/public/orders/{token}/reschedule", Window(view, 3))).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TheCustomerCancelsOnlyBeforeDispatch()
    {
        var d = await api.Data.ReadyAsync();
        var (waiting, _, _) = await BookedOrder(d);
        var (assigned, _, _) = await BookedOrder(d);
        await Assign(d, assigned, accept: false);
        var anonymous = api.CreateClient();

        var cancelled = await anonymous.PostOk($"/api/v1/public/orders/{await OrderToken(d, waiting)}/cancel", new { reason = "自己修好了" }, HttpStatusCode.OK);
        var refused = await anonymous.PostAsJsonAsync($"/api/v1/public/orders/{await OrderToken(d, assigned)}/cancel", new { reason = "不需要了" });

        cancelled.Str("status").Should().Be("Cancelled");
        (await d.FrontDesk.GetOk($"/api/v1/work-orders/{waiting}")).Str("status").Should().Be("Cancelled");
        (await d.FrontDesk.GetOk($"/api/v1/work-orders/{waiting}/events"))["items"]!.AsArray().Last()!.Str("reason").Should().Be("自己修好了");
        await refused.ShouldBeProblem(HttpStatusCode.Conflict);
        (await d.FrontDesk.GetOk($"/api/v1/work-orders/{assigned}")).Str("status").Should().Be("Assigned");
    }

    [Fact]
    public async Task TwoStarsCloseTheCallbackAsReachedAndOpenAComplaintSoNobodyCalls()
    {
        var d = await api.Data.ReadyAsync();
        var (id, _, _) = await BookedOrder(d);
        var token = await OrderToken(d, id);
        var anonymous = api.CreateClient();
        await (await anonymous.PostAsJsonAsync($"/api/v1/public/orders/{token}/rating", new { satisfaction = 2 })).ShouldBeProblem(HttpStatusCode.Conflict);
        await d.CompleteByTechnicianA(id);

        var rated = await anonymous.PostOk($"/api/v1/public/orders/{token}/rating", new { satisfaction = 2, comment = "师傅迟到" }, HttpStatusCode.OK);
        var again = await anonymous.PostAsJsonAsync($"/api/v1/public/orders/{token}/rating", new { satisfaction = 5 });

        rated["satisfaction"]!.GetValue<int>().Should().Be(2);
        rated["canRate"]!.GetValue<bool>().Should().BeFalse();
        await again.ShouldBeProblem(HttpStatusCode.Conflict);
        (await Count(api, "SELECT COUNT(*) FROM callbacks WHERE work_order_id = @Id AND status = 'Done' AND satisfaction = 2 AND done_by_user_id IS NULL",
            new { Id = Guid.Parse(id) })).Should().Be(1, "nobody called");
        var complaints = (await d.Manager.GetOk($"/api/v1/complaints?workOrderId={id}"))["items"]!.AsArray();
        complaints.Should().ContainSingle().Which!.Str("status").Should().Be("Open");
        (await Count(api, "SELECT customer_rating FROM work_orders WHERE id = @Id", new { Id = Guid.Parse(id) })).Should().Be(2);
    }

    [Fact]
    public async Task FiveStarsCloseTheCallbackWithoutAComplaint()
    {
        var d = await api.Data.ReadyAsync();
        var (id, _, _) = await BookedOrder(d);
        await d.CompleteByTechnicianA(id);

        await api.CreateClient().PostOk($"/api/v1/public/orders/{await OrderToken(d, id)}/rating", new { satisfaction = 5 }, HttpStatusCode.OK);

        (await Count(api, "SELECT COUNT(*) FROM callbacks WHERE work_order_id = @Id AND status = 'Done' AND satisfaction = 5", new { Id = Guid.Parse(id) })).Should().Be(1);
        (await d.Manager.GetOk($"/api/v1/complaints?workOrderId={id}"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task TheAppointmentAndOnTheWayMessagesCarryALinkThatOpensTheOrder()
    {
        var d = await api.Data.ReadyAsync();
        var (id, _, _) = await BookedOrder(d);
        await Assign(d, id);
        (await Depart(d, id)).EnsureSuccessStatusCode();

        await using var c = await api.Db.OpenAsync();
        var bodies = (await c.QueryAsync<string>("SELECT body FROM outbox_messages WHERE work_order_id = @Id AND template IN ('AppointmentConfirmed','TechnicianOnTheWay')",
            new { Id = Guid.Parse(id) })).ToList();
        bodies.Should().HaveCount(2);
        foreach (var body in bodies)
        {
            var url = System.Text.RegularExpressions.Regex.Match(body, @"https?://\S+/c/[A-Za-z0-9_-]+").Value;
            (await api.CreateClient().GetOk($"/api/v1/public/orders/{TokenOf(url)}")).Str("status").Should().Be("EnRoute");
        }
    }

    [Fact]
    public async Task ThePageIsServedUnderTheConsolesPolicyNeverCachedAndLoadsNothingFromElsewhere()
    {
        var client = api.CreateClient();

        foreach (var path in new[] { "/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/c/a/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
        {
            var page = await client.GetAsync(path);
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            page.Headers.GetValues("Content-Security-Policy").Single().Should().Be(RepairDispatch.Api.Infrastructure.Hardening.ConsolePolicy);
            page.Headers.CacheControl!.NoStore.Should().BeTrue("the token is in the address");
            page.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
            (await page.Content.ReadAsStringAsync()).Should().Contain("src=\"/c/assets/customer.js\"").And.NotContainAny("https://", "http://", " style=", " onclick=");
        }
        foreach (var file in new[] { "/c/assets/customer.js", "/c/assets/customer.css" })
        {
            var response = await client.GetAsync(file);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).Should().NotContain("://", $"{file} loads nothing from another origin");
        }
    }
}
