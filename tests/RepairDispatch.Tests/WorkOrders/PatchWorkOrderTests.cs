using System.Net;
using System.Net.Http.Headers;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.WorkOrders;

public class PatchWorkOrderTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static HttpRequestMessage Patch(string id, string json, string? etag, string contentType = "application/merge-patch+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/work-orders/{id}") { Content = Http.RawJson(json, contentType) };
        if (etag is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return request;
    }

    [Fact]
    public async Task PatchWithCurrentETagChangesTheOrderAndGivesANewETag()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        var get = await d.FrontDesk.GetAsync($"/api/v1/work-orders/{id}");
        var etag = get.Headers.ETag!.ToString();

        var response = await d.FrontDesk.SendAsync(Patch(id, """{"faultDescription":"Makes a loud noise","priority":"Urgent"}""", etag));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag!.ToString().Should().NotBe(etag);
        var body = await response.Json();
        body.Str("faultDescription").Should().Be("Makes a loud noise");
        body.Str("priority").Should().Be("Urgent");
        var events = await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}/events");
        events["items"]!.AsArray().Select(e => e.Str("kind")).Should().Contain("Updated");
    }

    [Fact]
    public async Task PatchWithoutIfMatchIs428AndWithAStaleOneIs412()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");

        await (await d.FrontDesk.SendAsync(Patch(id, """{"faultDescription":"x"}""", null))).ShouldBeProblem((HttpStatusCode)428);
        await (await d.FrontDesk.SendAsync(Patch(id, """{"faultDescription":"x"}""", "\"99\""))).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        (await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}")).Str("faultDescription").Should().Be("Drum does not spin");
    }

    [Fact]
    public async Task TwoConcurrentUpdatesWithTheSameIfMatchOnlyOneSucceeds()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        var etag = (await d.FrontDesk.GetAsync($"/api/v1/work-orders/{id}")).Headers.ETag!.ToString();

        var responses = await Task.WhenAll(
            d.FrontDesk.SendAsync(Patch(id, """{"faultDescription":"first writer"}""", etag)),
            d.Manager.SendAsync(Patch(id, """{"faultDescription":"second writer"}""", etag)));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed]);
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var final = await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}");
        final.Str("faultDescription").Should().Be((await winner.Json()).Str("faultDescription"));
        final["version"]!.GetValue<long>().Should().Be(2);
    }

    [Theory]
    [InlineData("""{"status":"Closed"}""", "status")]
    [InlineData("""{"bogus":1}""", "bogus")]
    [InlineData("""{"priority":"Sometime"}""", "priority")]
    [InlineData("""{"faultDescription":""}""", "faultDescription")]
    [InlineData("""{"appointment":{"from":"2026-12-01T10:00:00+08:00","to":"2026-12-01T09:00:00+08:00"}}""", "appointment")]
    public async Task InvalidPatchIsRefusedNamingTheFieldAndChangesNothing(string json, string field)
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        var etag = (await d.FrontDesk.GetAsync($"/api/v1/work-orders/{id}")).Headers.ETag!.ToString();

        await (await d.FrontDesk.SendAsync(Patch(id, json, etag))).ShouldBeProblem(HttpStatusCode.BadRequest, field);

        (await d.FrontDesk.GetAsync($"/api/v1/work-orders/{id}")).Headers.ETag!.ToString().Should().Be(etag);
    }

    [Fact]
    public async Task OnlyAManagerMayOverrideTheWarrantyAndMustSayWhy()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        var etag = (await d.FrontDesk.GetAsync($"/api/v1/work-orders/{id}")).Headers.ETag!.ToString();
        const string goodwill = """{"warrantyOverride":{"payer":"Store","reason":"Long-standing VIP, goodwill"}}""";

        await (await d.FrontDesk.SendAsync(Patch(id, goodwill, etag))).ShouldBeProblem(HttpStatusCode.Forbidden);
        var response = await d.Manager.SendAsync(Patch(id, goodwill, etag));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var warranty = (await response.Json())["warranty"]!;
        warranty.Str("payer").Should().Be("Store");
        warranty.Str("reason").Should().Contain("goodwill");
    }

    [Fact]
    public async Task PatchAsPlainTextIs415()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        var etag = (await d.FrontDesk.GetAsync($"/api/v1/work-orders/{id}")).Headers.ETag!.ToString();

        await (await d.FrontDesk.SendAsync(Patch(id, """{"faultDescription":"x"}""", etag, "text/plain"))).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
    }
}
