using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;
using static RepairDispatch.Tests.Public.PublicKit;

namespace RepairDispatch.Tests.Public;

/// <summary>The appliance's QR sticker: a code by SMS to the phone on file, then a ticket in the desk's queue.</summary>
public class ApplianceStickerTests(StationFixture api) : IClassFixture<StationFixture>
{
    /// <summary>Runs a step later by the service's clock, then turns the clock back (the fixture's staff tokens live 30 minutes).</summary>
    private async Task Later(TimeSpan by, Func<Task> step)
    {
        api.Clock.Advance(by);
        try { await step(); }
        finally { api.Clock.Advance(-by); }
    }

    [Fact]
    public async Task TheStickerIsAPngOfTheLink()
    {
        var d = await api.Data.ReadyAsync();
        var (_, applianceId) = await d.CustomerWithAppliance();

        var response = await d.FrontDesk.GetAsync($"/api/v1/appliances/{applianceId}/qr");
        var png = await response.Content.ReadAsByteArrayAsync();

        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        png[..4].Should().Equal(0x89, 0x50, 0x4E, 0x47);
        (await Count(api, "SELECT COUNT(*) FROM public_links WHERE appliance_id = @Id", new { Id = Guid.Parse(applianceId) })).Should().Be(1);
        (await d.TechA.GetAsync($"/api/v1/appliances/{applianceId}/qr-link")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheRightCodeOpensATicketInTheDesksQueueWithTheApplianceFilledIn()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId, phone, token) = await Sticker(d);
        var anonymous = api.CreateClient();

        var sent = await anonymous.PostOk($"/api/v1/public/appliances/{token}/verify", new { phone }, HttpStatusCode.Accepted);
        var tomorrow = TestData.StationToday().AddDays(1).ToString("yyyy-MM-dd");
        var report = await anonymous.PostOk($"/api/v1/public/appliances/{token}/report", new
        {
            code = await LatestCode(api, phone), faultDescription = "不制冷了",
            preferred = new { from = $"{tomorrow}T13:00:00+08:00", to = $"{tomorrow}T17:00:00+08:00" },
        });

        sent["validMinutes"]!.GetValue<int>().Should().Be(10);
        report["alreadyOpen"]!.GetValue<bool>().Should().BeFalse();
        var order = (await d.FrontDesk.GetOk($"/api/v1/work-orders?customerId={customerId}"))["items"]!.AsArray().Single()!;
        (order.Str("number"), order.Str("status"), order.Str("applianceId"), order.Str("faultDescription"))
            .Should().Be((report.Str("number"), "New", applianceId, "不制冷了"));
        order["technicianId"].Should().BeNull("it waits in the desk's queue");
        await (await anonymous.PostAsJsonAsync($"/api/v1/public/appliances/{token}/report", new { code = await LatestCode(api, phone), faultDescription = "again" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "code"); // a code is good once
    }

    [Fact]
    public async Task AnApplianceWithAnOpenOrderShowsThatOrderInsteadOfASecondOne()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId, phone, token) = await Sticker(d);
        var open = await d.WorkOrder(customerId, applianceId);
        var anonymous = api.CreateClient();
        await anonymous.PostOk($"/api/v1/public/appliances/{token}/verify", new { phone }, HttpStatusCode.Accepted);

        var report = await anonymous.PostOk($"/api/v1/public/appliances/{token}/report",
            new { code = await LatestCode(api, phone), faultDescription = "又坏了" }, HttpStatusCode.OK);

        (report.Str("number"), report["alreadyOpen"]!.GetValue<bool>()).Should().Be((open.Str("number"), true));
        (await d.FrontDesk.GetOk($"/api/v1/work-orders?customerId={customerId}"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task AnotherNumberGetsTheSameAnswerButNoCode()
    {
        var d = await api.Data.ReadyAsync();
        var (_, _, phone, token) = await Sticker(d);
        var anonymous = api.CreateClient();
        var before = await Count(api, "SELECT COUNT(*) FROM outbox_messages");

        var stranger = await anonymous.PostAsJsonAsync($"/api/v1/public/appliances/{token}/verify", new { phone = "13000000001" });
        var strangerBody = await stranger.Content.ReadAsStringAsync();
        var afterStranger = await Count(api, "SELECT COUNT(*) FROM outbox_messages");
        var owner = await anonymous.PostAsJsonAsync($"/api/v1/public/appliances/{token}/verify", new { phone });

        (stranger.StatusCode, strangerBody).Should().Be((owner.StatusCode, await owner.Content.ReadAsStringAsync()));
        afterStranger.Should().Be(before);
        (await Count(api, "SELECT COUNT(*) FROM outbox_messages")).Should().Be(before + 1);
        (await LatestCode(api, "13000000001")).Should().BeNull();
    }

    [Fact]
    public async Task ABruteForceOfTheCodeFailsFiveWrongTriesLockTheSticker()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, _, phone, token) = await Sticker(d);
        var anonymous = api.CreateClient();
        await anonymous.PostOk($"/api/v1/public/appliances/{token}/verify", new { phone }, HttpStatusCode.Accepted);
        var right = await LatestCode(api, phone);

        var answers = new List<HttpStatusCode>();
        for (var guess = 0; guess < 20; guess++)
        {
            var code = (guess * 7919 % 1_000_000).ToString("D6");
            if (code == right) continue;
            answers.Add((await anonymous.PostAsJsonAsync($"/api/v1/public/appliances/{token}/report", new { code, faultDescription = "x" })).StatusCode);
        }
        var withTheRightCode = await anonymous.PostAsJsonAsync($"/api/v1/public/appliances/{token}/report", new { code = right, faultDescription = "x" });
        var newCode = await anonymous.PostAsJsonAsync($"/api/v1/public/appliances/{token}/verify", new { phone });

        answers.Take(5).Should().AllBeEquivalentTo(HttpStatusCode.BadRequest);
        answers.Skip(5).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests);
        await withTheRightCode.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        withTheRightCode.Headers.RetryAfter!.Delta!.Value.TotalMinutes.Should().BeApproximately(30, 0.1);
        await newCode.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        (await d.FrontDesk.GetOk($"/api/v1/work-orders?customerId={customerId}"))["items"]!.AsArray().Should().BeEmpty();

        await Later(TimeSpan.FromMinutes(31), async () =>
            await (await anonymous.PostAsJsonAsync($"/api/v1/public/appliances/{token}/report", new { code = right, faultDescription = "x" }))
                .ShouldBeProblem(HttpStatusCode.BadRequest, "code")); // the lock is over, but it dropped the code: a new one must be asked for
    }

    [Fact]
    public async Task ACodeExpiresAfterTenMinutes()
    {
        var d = await api.Data.ReadyAsync();
        var (_, _, phone, token) = await Sticker(d);
        var anonymous = api.CreateClient();
        await anonymous.PostOk($"/api/v1/public/appliances/{token}/verify", new { phone }, HttpStatusCode.Accepted);

        var code = await LatestCode(api, phone);

        await Later(TimeSpan.FromMinutes(10).Add(TimeSpan.FromSeconds(1)), async () =>
            await (await anonymous.PostAsJsonAsync($"/api/v1/public/appliances/{token}/report", new { code, faultDescription = "x" }))
                .ShouldBeProblem(HttpStatusCode.BadRequest, "code"));
    }

    [Fact]
    public async Task AWrongCodeRecordsOnlyTheTryOnTheLink()
    {
        var d = await api.Data.ReadyAsync();
        var (_, _, phone, token) = await Sticker(d);
        var anonymous = api.CreateClient();
        await anonymous.PostOk($"/api/v1/public/appliances/{token}/verify", new { phone }, HttpStatusCode.Accepted);
        var wrong = (int.Parse(await LatestCode(api, phone) ?? "0") + 1) % 1_000_000;
        var before = await DatabaseSnapshot.TakeAsync(api.Db);

        await (await anonymous.PostAsJsonAsync($"/api/v1/public/appliances/{token}/report", new { code = wrong.ToString("D6"), faultDescription = "x" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "code");

        (await DatabaseSnapshot.TakeAsync(api.Db)).DifferencesFrom(before).Should().ContainSingle().Which.Should().StartWith("public_links ");
    }

    [Fact]
    public async Task TheDeskRevokesAStickersLinks()
    {
        var d = await api.Data.ReadyAsync();
        var (_, applianceId, phone, token) = await Sticker(d);

        (await d.FrontDesk.DeleteAsync($"/api/v1/appliances/{applianceId}/qr-link")).StatusCode.Should().Be(HttpStatusCode.OK);

        await (await api.CreateClient().PostAsJsonAsync($"/api/v1/public/appliances/{token}/verify", new { phone })).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
