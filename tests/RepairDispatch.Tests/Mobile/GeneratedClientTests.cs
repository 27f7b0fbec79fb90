using System.Net.Http.Headers;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Mobile.Generated;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Mobile;

/// <summary>A client generated from the OpenAPI document (NSwag) works the mobile flow through its own methods.</summary>
public class GeneratedClientTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task TheCommittedClientIsWhatNSwagGeneratesFromTheServedDocument()
    {
        var generated = await ClientGeneration.GenerateAsync(await api.Server.CreateClient().GetStringAsync("/openapi/v1.json"));
        if (Environment.GetEnvironmentVariable("REPAIRDISPATCH_REGENERATE_CLIENT") == "1")
            await File.WriteAllTextAsync(ClientGeneration.CommittedPath, generated);

        var committed = (await File.ReadAllTextAsync(ClientGeneration.CommittedPath)).ReplaceLineEndings("\n");
        committed.Should().Be(generated, "the document changed: regenerate with REPAIRDISPATCH_REGENERATE_CLIENT=1 dotnet test --filter {0}",
            nameof(TheCommittedClientIsWhatNSwagGeneratesFromTheServedDocument));
    }

    [Fact]
    public async Task ATechnicianSyncsAcceptsDepartsArrivesAndCompletesWithAPartThroughTheGeneratedClient()
    {
        var d = await api.Data.ReadyAsync();
        await d.Manager.PutAsJsonAsync($"/api/v1/parts/{d.PartId}/stock/{d.StoreId}", new { quantity = 5 });
        var id = Guid.Parse(await MobileClient.AssignedToA(d));
        var http = api.CreateClient();
        var token = await new RepairDispatchClient(http).IssueTokenAsync(new TokenRequest { Username = "tech-a", Password = ApiFactory.UserPassword });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var phone = new RepairDispatchClient(http);

        var sync = await phone.SyncMyJobsAsync();
        sync.Upserts.Select(j => j.Order.Id).Should().Contain(id);
        (await phone.AcceptJobAsync(id)).Status.Should().Be(WorkOrderStatus.Accepted);
        (await phone.DepartForJobAsync(id, body: new JobStepRequest { OccurredAt = api.Clock.GetUtcNow() })).Status.Should().Be(WorkOrderStatus.EnRoute);
        (await phone.ArriveAtJobAsync(id, new ArriveRequest { Lat = 31.2397, Lon = 121.4998 })).Status.Should().Be(WorkOrderStatus.OnSite);
        var done = await phone.CompleteJobAsync(id, new CompleteJobRequest
        {
            RepairLevel = RepairLevel.PartReplacement, FailedPart = "Drain pump", MainPart = false, LabourMinutes = 40,
            Parts = [new PartQuantity { PartId = Guid.Parse(d.PartId), Qty = 1 }],
        });

        done.Status.Should().Be(WorkOrderStatus.Completed);
        done.Resolution!.RepairLevel.Should().Be(RepairLevel.PartReplacement);
        (await phone.SyncMyJobsAsync(sync.Token)).Upserts.Single(j => j.Order.Id == id).Order.Version.Should().Be(done.Version);
        var again = await FluentActions.Awaiting(() => phone.CompleteJobAsync(id, new CompleteJobRequest { MainPart = false, LabourMinutes = 40 }))
            .Should().ThrowAsync<ApiException<ProblemDetails>>();
        again.Which.StatusCode.Should().Be(409, "a completed job cannot be completed again");
        again.Which.Result.Type.Should().EndWith("/invalid-transition");
    }
}
