using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Notifications;
using RepairDispatch.Api.Photos;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.FollowUp;

/// <summary>
/// Two instances of the service on one database file (two nodes) run every recurring job at the same moments, 50
/// times: every breach, message and settlement run happens exactly once (Hangfire itself is only at-least-once).
/// </summary>
public class JobsOnTwoNodesTests(StationFixture api) : IClassFixture<StationFixture>
{
    /// <summary>A gateway that counts deliveries per message.</summary>
    private sealed class CountingSender : IMessageSender
    {
        public ConcurrentDictionary<Guid, int> Sent { get; } = new();

        public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            await Task.Yield();
            Sent.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        }
    }

    private static Func<Task>[] JobsOf(ApiFactory node, IMessageSender sender, DateTimeOffset later, DateTimeOffset nextMonth)
    {
        var db = node.Services.GetRequiredService<Db>();
        var notifications = node.Services.GetRequiredService<IOptions<NotificationOptions>>();
        return
        [
            () => new SlaWatchdog(db, new FakeTimeProvider(later), notifications, NullLogger<SlaWatchdog>.Instance).RunAsync(),
            () => new OutboxDispatchJob(db, sender, new FakeTimeProvider(later), notifications, NullLogger<OutboxDispatchJob>.Instance).RunAsync(),
            () => new MonthlySettlementJob(db, new FakeTimeProvider(nextMonth), NullLogger<MonthlySettlementJob>.Instance).RunAsync(),
            () => new RetentionJob(db, node.Services.GetRequiredService<IBlobStore>(), new FakeTimeProvider(later), Options.Create(new RetentionOptions()), NullLogger<RetentionJob>.Instance).RunAsync(),
        ];
    }

    [Fact]
    public async Task EveryJobRunningOnTwoNodesFiftyTimesAtOnceDoesEachPieceOfWorkOnce()
    {
        var d = await api.Data.ReadyAsync();
        await d.Manager.PostOk($"/api/v1/manufacturers/{d.ManufacturerId}/contracts", new
        {
            validFrom = TestData.StationToday().AddYears(-1).ToString("yyyy-MM-dd"), categories = new[] { "WashingMachine" },
            fees = new { repair = new[] { new { category = "WashingMachine", level = "Minor", amount = 60m } }, partsReimbursement = "AtCost" },
        });
        var late = new List<string>();
        for (var i = 0; i < 3; i++) late.Add((await d.NewWorkOrder()).Str("id"));
        var done = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddMonths(-3));
            var id = (await d.WorkOrder(customer, appliance)).Str("id");
            await d.CompleteByTechnicianA(id);
            done.Add(id);
        }
        using var second = new SecondHost(api.DatabasePath);
        var sender = new CountingSender();
        var today = TestData.StationToday();
        var nextMonth = new DateTimeOffset(today.Year, today.Month, 1, 2, 0, 0, TimeSpan.FromHours(8)).AddMonths(1);
        var later = api.Clock.GetUtcNow().AddHours(10);
        var jobs = JobsOf(api, sender, later, nextMonth).Concat(JobsOf(second, sender, later, nextMonth)).ToArray();

        for (var round = 0; round < 50; round++) await Task.WhenAll(jobs.Select(job => Task.Run(job)));

        foreach (var id in late) (await d.CountRowsOf("sla_breaches", id)).Should().Be(1, "the assign deadline was missed once");
        foreach (var id in late)
            (await d.Manager.GetOk($"/api/v1/work-orders/{id}/events"))["items"]!.AsArray().Count(e => e.Str("kind") == "SlaBreached").Should().Be(1);
        (await d.CountRows("outbox_messages WHERE template = 'SlaBreached'")).Should().Be(await d.CountRows("sla_breaches"), "one manager, one alert a breach");
        foreach (var id in done) (await d.CountRowsOf("callbacks", id)).Should().Be(1);
        (await d.CountRows("outbox_messages")).Should().Be(sender.Sent.Count, "every message was delivered");
        sender.Sent.Values.Should().OnlyContain(n => n == 1, "and none twice");
        (await d.CountRows("outbox_messages WHERE status <> 'Sent'")).Should().Be(0);
        (await d.CountRows("settlement_runs")).Should().Be(1, "one run for the manufacturer and the month");
        (await d.CountRows("settlement_lines")).Should().Be(3, "each completed order's claim, in that one run");
    }
}
