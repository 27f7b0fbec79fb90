using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Mobile;

/// <summary>
/// An offline phone that only ever applies what /mobile/sync sends must end up with exactly the server's view, whatever
/// the office did in between: assign, reassign, unassign, edit, cancel, and the technician's own accept and decline.
/// </summary>
public class MobileSyncTests(StationFixture api) : IClassFixture<StationFixture>
{
    /// <summary>The phone: jobs by id with the version it holds, and its token.</summary>
    private sealed class Phone(HttpClient client)
    {
        public Dictionary<string, long> Jobs { get; } = new();
        private string? _token;

        public async Task SyncAsync()
        {
            var body = await client.GetOk("/api/v1/mobile/sync" + (_token is null ? "" : "?since=" + _token));
            if (body["full"]!.GetValue<bool>()) Jobs.Clear();
            foreach (var removed in body["removed"]!.AsArray()) Jobs.Remove(removed!.GetValue<string>());
            foreach (var job in body["upserts"]!.AsArray()) Jobs[job!["order"].Str("id")] = job["order"]!["version"]!.GetValue<long>();
            _token = body.Str("token");
        }

        public async Task<Dictionary<string, long>> ServerViewAsync() =>
            (await client.GetOk("/api/v1/mobile/jobs"))["items"]!.AsArray()
                .ToDictionary(j => j!["order"].Str("id"), j => j!["order"]!["version"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task APhoneThatAppliesEverySyncHoldsExactlyTheServersView(int seed)
    {
        var d = await api.Data.ReadyAsync();
        var rng = new Random(seed);
        var phones = new[] { new Phone(d.TechA), new Phone(d.TechB) };
        var technicians = new[] { d.TechnicianA, d.TechnicianB };
        var orders = new List<string>();
        foreach (var phone in phones) await phone.SyncAsync();

        for (var step = 0; step < 60; step++)
        {
            var order = orders.Count == 0 ? null : orders[rng.Next(orders.Count)];
            switch (order is null ? 0 : rng.Next(9))
            {
                case 0:
                    var created = (await d.NewWorkOrder()).Str("id");
                    orders.Add(created);
                    await d.Manager.PostAsJsonAsync($"/api/v1/work-orders/{created}/assign", new { technicianId = technicians[rng.Next(2)] });
                    break;
                case 1 or 2:
                    await d.Manager.PostAsJsonAsync($"/api/v1/work-orders/{order}/assign", new { technicianId = technicians[rng.Next(2)] });
                    break;
                case 3:
                    await d.Manager.PostAsJsonAsync($"/api/v1/work-orders/{order}/unassign", new { reason = "Rebooked" });
                    break;
                case 4:
                    await Edit(d, order!, "Noise, step " + step);
                    break;
                case 5:
                    await d.FrontDesk.PostAsJsonAsync($"/api/v1/work-orders/{order}/cancel", new { reason = "Customer fixed it" });
                    break;
                case 6:
                    await (rng.Next(2) == 0 ? d.TechA : d.TechB).Step(order!, "accept");
                    break;
                case 7:
                    await (rng.Next(2) == 0 ? d.TechA : d.TechB).Step(order!, "decline", new { reason = "Too far" });
                    break;
                default:
                    var phone = phones[rng.Next(2)];
                    await phone.SyncAsync();
                    phone.Jobs.Should().Equal(await phone.ServerViewAsync(), "seed {0}, step {1}", seed, step);
                    break;
            }
        }
        foreach (var phone in phones)
        {
            await phone.SyncAsync();
            phone.Jobs.Should().Equal(await phone.ServerViewAsync());
        }
    }

    private static async Task Edit(TestData d, string id, string fault)
    {
        var etag = (await d.Manager.GetAsync($"/api/v1/work-orders/{id}")).Headers.ETag!.ToString();
        await d.Manager.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/work-orders/{id}")
        {
            Content = Http.RawJson($$"""{"faultDescription":"{{fault}}"}""", "application/merge-patch+json"),
            Headers = { IfMatch = { EntityTagHeaderValue.Parse(etag) } },
        });
    }

    [Fact]
    public async Task AnEditComesAsAnUpsertAJobTakenAwayAsARemovalAndAnUnchangedViewSendsNothing()
    {
        var d = await api.Data.ReadyAsync();
        var id = await MobileClient.AssignedToA(d);
        var first = await d.TechA.GetOk("/api/v1/mobile/sync");
        var quiet = await d.TechA.GetOk("/api/v1/mobile/sync?since=" + first.Str("token"));
        await Edit(d, id, "Also leaks");
        var edited = await d.TechA.GetOk("/api/v1/mobile/sync?since=" + quiet.Str("token"));
        await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianB }, HttpStatusCode.OK);

        var after = await d.TechA.GetOk("/api/v1/mobile/sync?since=" + edited.Str("token"));

        first["full"]!.GetValue<bool>().Should().BeTrue();
        first["upserts"]!.AsArray().Select(j => j!["order"].Str("id")).Should().Contain(id);
        quiet["upserts"]!.AsArray().Should().BeEmpty();
        quiet["removed"]!.AsArray().Should().BeEmpty();
        edited["upserts"]!.AsArray().Should().ContainSingle().Which!["order"].Str("faultDescription").Should().Be("Also leaks");
        after["full"]!.GetValue<bool>().Should().BeFalse();
        after["removed"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal(id);
        after["upserts"]!.AsArray().Should().BeEmpty("technician B's job is none of A's business");
    }

    private static string Token(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task ABadTokenIs400AndAnExpiredOrFutureOneIs410()
    {
        var d = await api.Data.ReadyAsync();

        await (await d.TechA.GetAsync("/api/v1/mobile/sync?since=not-a-token")).ShouldBeProblem(HttpStatusCode.BadRequest, "since");
        var old = Token($"1:1:{api.Clock.GetUtcNow().AddDays(-40).ToUnixTimeSeconds()}");
        await (await d.TechA.GetAsync("/api/v1/mobile/sync?since=" + old)).ShouldBeProblem(HttpStatusCode.Gone);
        var ahead = Token($"1:{long.MaxValue / 2}:{api.Clock.GetUtcNow().ToUnixTimeSeconds()}");
        await (await d.TechA.GetAsync("/api/v1/mobile/sync?since=" + ahead)).ShouldBeProblem(HttpStatusCode.Gone);
    }
}
