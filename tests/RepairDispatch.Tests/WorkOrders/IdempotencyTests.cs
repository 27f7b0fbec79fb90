using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.WorkOrders;

public class IdempotencyTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static HttpRequestMessage Create(string key, object body) => new(HttpMethod.Post, "/api/v1/work-orders")
    {
        Content = JsonContent.Create(body),
        Headers = { { "Idempotency-Key", key } },
    };

    [Fact]
    public async Task RetriedCreateWithTheSameKeyIsAnsweredAgainNotCreatedTwice()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance();
        var body = new { type = "Repair", source = "Phone", customerId, applianceId, faultDescription = "No power", priority = "Normal", allowDuplicate = true };
        var key = Guid.NewGuid().ToString();
        var before = await d.CountRows("work_orders");

        var first = await d.FrontDesk.SendAsync(Create(key, body));
        var retry = await d.FrontDesk.SendAsync(Create(key, body));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        retry.Headers.Location.Should().Be(first.Headers.Location);
        (await retry.Json()).Str("id").Should().Be((await first.Json()).Str("id"));
        (await d.CountRows("work_orders")).Should().Be(before + 1);
    }

    [Fact]
    public async Task SameKeyWithADifferentRequestIsRefused()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance();
        var key = Guid.NewGuid().ToString();
        await d.FrontDesk.SendAsync(Create(key, new { type = "Repair", source = "Phone", customerId, applianceId, faultDescription = "A", priority = "Normal" }));
        var before = await d.CountRows("work_orders");

        var other = await d.FrontDesk.SendAsync(Create(key, new { type = "Repair", source = "Phone", customerId, applianceId, faultDescription = "B", priority = "Normal", allowDuplicate = true }));

        await other.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await d.CountRows("work_orders")).Should().Be(before);
    }

    [Fact]
    public async Task ARefusedRequestKeepsItsAnswerForRetriesToo()
    {
        var d = await api.Data.ReadyAsync();
        var key = Guid.NewGuid().ToString();
        var bad = new { type = "Repair", source = "Phone", customerId = Guid.NewGuid(), applianceId = Guid.NewGuid(), faultDescription = "x", priority = "Normal" };

        var first = await d.FrontDesk.SendAsync(Create(key, bad));
        var retry = await d.FrontDesk.SendAsync(Create(key, bad));

        first.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await retry.ShouldBeProblem(HttpStatusCode.BadRequest, "applianceId");
    }
}
