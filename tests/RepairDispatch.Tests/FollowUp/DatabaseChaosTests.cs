using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.FollowUp;

/// <summary>
/// Polly's chaos strategy fails 30 % of database units of work with a transient error (switched on after the station
/// is set up): the retry pipeline and the clients' Idempotency-Keys must lose and double nothing.
/// </summary>
public class DatabaseChaosTests(StationFixture api) : IClassFixture<StationFixture>, IDisposable
{
    public void Dispose() => api.Db.ChaosFaultRate = 0;

    /// <summary>A client that, like a phone, sends a request again with the same Idempotency-Key until it gets an answer below 500.</summary>
    private static async Task<HttpResponseMessage> Persist(HttpClient client, string url, object body)
    {
        var key = Guid.NewGuid().ToString();
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } },
            });
            if ((int)response.StatusCode < 500 || attempt == 20) return response;
        }
    }

    [Fact]
    public async Task UnderInjectedFaultsNoWriteIsLostOrDoubled()
    {
        var d = await api.Data.ReadyAsync();
        var before = await d.CountRows("customers");
        api.Db.ChaosFaultRate = 0.3;
        var names = Enumerable.Range(0, 40).Select(i => $"Chaos {i} {Guid.NewGuid():N}").ToList();

        var answers = await Task.WhenAll(names.Select(name => Persist(d.FrontDesk, "/api/v1/customers", new
        {
            name, phones = new[] { "138" + Random.Shared.Next(10_000_000, 99_999_999) },
        })));

        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Created);
        (await d.CountRows("customers")).Should().Be(before + 40, "each customer once: none lost, none twice");
        foreach (var name in names.Take(5)) (await d.CountRows($"customers WHERE name = '{name}'")).Should().Be(1);
    }

    [Fact]
    public async Task AJobWorkedUnderInjectedFaultsHasEachStepOnceAndOneSetOfCharges()
    {
        var d = await api.Data.ReadyAsync();
        var (customer, appliance) = await d.CustomerWithAppliance();
        var id = (await d.WorkOrder(customer, appliance)).Str("id");
        api.Db.ChaosFaultRate = 0.3;

        (await Persist(d.Manager, $"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianA })).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var (step, body) in new (string, object)[] { ("accept", new { }), ("depart", new { }), ("arrive", new { lat = 31.2, lon = 121.5 }),
                     ("complete", new { repairLevel = "Minor", mainPart = false, labourMinutes = 30 }) })
            (await Persist(d.TechA, $"/api/v1/mobile/jobs/{id}/{step}", body)).StatusCode.Should().Be(HttpStatusCode.OK, step);

        var kinds = (await d.Manager.GetOk($"/api/v1/work-orders/{id}/events"))["items"]!.AsArray().Select(e => e.Str("kind")).ToList();
        kinds.Should().Equal("Created", "Assign", "Accept", "Depart", "Arrive", "Complete");
        (await d.CountRowsOf("work_order_charges", id)).Should().Be(2, "labour and on-site fee, priced once");
        (await d.CountRowsOf("callbacks", id)).Should().Be(1);
    }
}
