using System.Net;
using System.Net.Http.Json;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>Test classes run many hosts in one process; what one host leaves in process-wide state must not break another.</summary>
public class HostsInOneProcessTests
{
    [Fact]
    public async Task AHostEnqueuesAJobAfterAnotherHostThatConfiguredHangfireLastHasStopped()
    {
        using var first = new ApiFactory();
        var d = await new TestData(first).ReadyAsync();
        using (var second = new ApiFactory()) second.CreateClient(); // starts, configures Hangfire's process-wide logging, stops

        var response = await d.Manager.PostAsJsonAsync("/api/v1/dispatch/plans",
            new { storeId = d.StoreId, date = TestData.StationToday().AddDays(1).ToString("yyyy-MM-dd"), seconds = 1 });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, "the first job this host enqueues needs a Hangfire logger");
    }
}
