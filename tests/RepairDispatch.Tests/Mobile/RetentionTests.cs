using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Photos;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Mobile;

/// <summary>Location pings are kept compactly and, with idempotency keys and sync tombstones, only for their retention.</summary>
public class RetentionTests(StationFixture api) : IClassFixture<StationFixture>
{
    private RetentionJob JobAt(DateTimeOffset now) =>
        new(api.Db, api.Services.GetRequiredService<IBlobStore>(), new FakeTimeProvider(now), Options.Create(new RetentionOptions()), NullLogger<RetentionJob>.Instance);

    [Fact]
    public async Task PingsAreStoredOnceEvenWhenABatchIsSentTwiceAndBadOnesAreRefused()
    {
        var d = await api.Data.ReadyAsync();
        var now = api.Clock.GetUtcNow();
        var batch = new { points = Enumerable.Range(1, 3).Select(i => new { lat = 31.2 + i / 1000.0, lon = 121.5, at = now.AddMinutes(-i) }).ToArray() };
        var before = await d.CountRows("technician_locations");

        (await d.TechA.PostAsJsonAsync("/api/v1/mobile/locations", batch)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await d.TechA.PostAsJsonAsync("/api/v1/mobile/locations", batch)).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await d.TechA.PostAsJsonAsync("/api/v1/mobile/locations", new { points = new[] { new { lat = 31.2, lon = 121.5, at = now.AddHours(2) } } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "points[0].at");
        await (await d.TechA.PostAsJsonAsync("/api/v1/mobile/locations", new { points = new[] { new { lat = 95.0, lon = 121.5, at = now } } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "points[0].lat");
        await (await d.FrontDesk.PostAsJsonAsync("/api/v1/mobile/locations", batch)).ShouldBeProblem(HttpStatusCode.Forbidden);

        (await d.CountRows("technician_locations")).Should().Be(before + 3);
    }

    [Fact]
    public async Task TheSweepDeletesWhatIsPastItsRetentionAndNothingYounger()
    {
        var d = await api.Data.ReadyAsync();
        var pings = new HttpRequestMessage(HttpMethod.Post, "/api/v1/mobile/locations")
        {
            Content = JsonContent.Create(new { points = new[] { new { lat = 31.2, lon = 121.5, at = api.Clock.GetUtcNow() } } }),
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
        };
        (await d.TechA.SendAsync(pings)).StatusCode.Should().Be(HttpStatusCode.OK);
        var id = await MobileClient.AssignedToA(d);
        (await d.Manager.PostAsJsonAsync($"/api/v1/work-orders/{id}/unassign", new { reason = "Rebooked" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var tables = new[] { "technician_locations", "idempotency_keys", "mobile_tombstones" };
        foreach (var table in tables) (await d.CountRows(table)).Should().BeGreaterThan(0, table);

        await JobAt(api.Clock.GetUtcNow().AddHours(1)).RunAsync();
        foreach (var table in tables) (await d.CountRows(table)).Should().BeGreaterThan(0, "{0} is still young", table);
        await JobAt(api.Clock.GetUtcNow().AddDays(31)).RunAsync();
        foreach (var table in tables) (await d.CountRows(table)).Should().Be(0, table);
    }
}
