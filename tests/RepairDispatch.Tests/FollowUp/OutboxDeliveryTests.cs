using Dapper;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using RepairDispatch.Api.Notifications;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.FollowUp;

internal static class OutboxRows
{
    public static async Task<Dictionary<string, string>> StatusOfAllAsync(RepairDispatch.Api.Infrastructure.Db db)
    {
        await using var c = await db.OpenAsync();
        return (await c.QueryAsync<(string Id, string Status)>("SELECT id, status FROM outbox_messages")).ToDictionary(r => r.Id, r => r.Status);
    }
}

/// <summary>The service with the HTTP gateway sender, pointed at a <see cref="LocalGateway"/>.</summary>
public class GatewayFactory : ApiFactory
{
    public LocalGateway Gateway { get; } = LocalGateway.StartAsync().GetAwaiter().GetResult();
    public TestData Data { get; }
    public GatewayFactory() => Data = new TestData(this);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var s = base.Settings;
            s["RepairDispatch:Notifications:Sender"] = "Http";
            s["RepairDispatch:Notifications:GatewayUrl"] = Gateway.Url;
            s["RepairDispatch:Notifications:AttemptTimeoutSeconds"] = "0.5";
            s["RepairDispatch:Notifications:TotalTimeoutSeconds"] = "3";
            s["RepairDispatch:Notifications:Retries"] = "2";
            s["RepairDispatch:Notifications:MaxAttempts"] = "4";
            s["RepairDispatch:Notifications:CircuitMinimumThroughput"] = "1000";
            return s;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}

/// <summary>Messages reach a gateway that fails, hangs and recovers: all delivered, none twice, the hopeless ones dead-lettered.</summary>
public class OutboxDeliveryTests(GatewayFactory api) : IClassFixture<GatewayFactory>
{
    private OutboxDispatchJob At(DateTimeOffset now) => new(api.Db, api.Services.GetRequiredService<IMessageSender>(), new FakeTimeProvider(now),
        api.Services.GetRequiredService<IOptions<NotificationOptions>>(), NullLogger<OutboxDispatchJob>.Instance);

    private Task<Dictionary<string, string>> StatusOfAll() => OutboxRows.StatusOfAllAsync(api.Db);

    [Fact]
    public async Task EveryMessageIsDeliveredOnceThroughFailuresAndTimeoutsAndAHopelessOneIsDeadLettered()
    {
        var d = await api.Data.ReadyAsync();
        for (var i = 0; i < 3; i++) await d.CompleteByTechnicianA((await d.NewWorkOrder()).Str("id")); // on the way + done: 2 messages each
        await using (var c = await api.Db.OpenAsync())
            await c.ExecuteAsync("""
                INSERT INTO outbox_messages (id, template, language, recipient_kind, recipient, body, status, attempts, next_attempt_at, created_at)
                VALUES (@Id, 'JobDone', 'zh-CN', 'Customer', 'no-such-phone', 'x', 'Pending', 0, @Now, @Now)
                """, new { Id = Guid.NewGuid(), Now = api.Clock.GetUtcNow() });
        // The gateway errors on its first requests, hangs on some, and never takes the hopeless message.
        api.Gateway.Behaviour = (n, body) => body.Contains("no-such-phone") ? 500 : n switch { <= 3 => 503, 5 or 9 => null, _ => 200 };

        var now = api.Clock.GetUtcNow();
        for (var run = 0; run < 8; run++, now = now.AddHours(1)) await At(now).RunAsync();

        var status = await StatusOfAll();
        status.Values.Count(s => s == "Sent").Should().Be(6);
        status.Values.Count(s => s == "Dead").Should().Be(1);
        api.Gateway.Accepted.Keys.Should().BeEquivalentTo(status.Where(s => s.Value == "Sent").Select(s => s.Key));
        api.Gateway.Accepted.Values.Should().OnlyContain(n => n == 1, "no message reached the gateway twice");
        var dead = (await (await api.AdminClient()).GetOk("/api/v1/admin/outbox?status=Dead"))["items"]!.AsArray().Single()!;
        dead["attempts"]!.GetValue<int>().Should().Be(4);
        dead.Str("lastError").Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task OnlyAdminsSeeTheOutboxAndADeadLetterCanBeSentAgain()
    {
        var d = await api.Data.ReadyAsync();
        var id = Guid.NewGuid();
        await using (var c = await api.Db.OpenAsync())
            await c.ExecuteAsync("""
                INSERT INTO outbox_messages (id, template, language, recipient_kind, recipient, body, status, attempts, next_attempt_at, last_error, created_at)
                VALUES (@Id, 'JobDone', 'en', 'Customer', '13900000000', 'x', 'Dead', 4, @Now, 'boom', @Now)
                """, new { Id = id, Now = api.Clock.GetUtcNow() });
        api.Gateway.Behaviour = (_, _) => 200;

        (await d.Manager.GetAsync("/api/v1/admin/outbox")).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
        var admin = await api.AdminClient();
        (await admin.PostAsync($"/api/v1/admin/outbox/{id}/retry", null)).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        await At(api.Clock.GetUtcNow().AddMinutes(1)).RunAsync();

        (await StatusOfAll())[id.ToString()].Should().Be("Sent");
        api.Gateway.Accepted[id.ToString()].Should().Be(1);
    }
}

/// <summary>A backlog bigger than a batch (a busy hour, a gateway back from an outage) goes out in one run, not a batch a minute.</summary>
public class OutboxBacklogTests(GatewayFactory api) : IClassFixture<GatewayFactory>
{
    private Task<Dictionary<string, string>> StatusOfAll() => OutboxRows.StatusOfAllAsync(api.Db);

    [Fact]
    public async Task ABacklogOfSeveralBatchesIsDeliveredInOneRunEachMessageOnce()
    {
        await api.Data.ReadyAsync();
        var ids = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid()).ToList();
        var now = api.Clock.GetUtcNow();
        await using (var c = await api.Db.OpenAsync())
            foreach (var id in ids)
                await c.ExecuteAsync("""
                    INSERT INTO outbox_messages (id, template, language, recipient_kind, recipient, body, status, attempts, next_attempt_at, created_at)
                    VALUES (@Id, 'JobDone', 'zh-CN', 'Customer', '13900000000', 'backlog', 'Pending', 0, @Now, @Now)
                    """, new { Id = id, Now = now });
        api.Gateway.Behaviour = (_, _) => 200;
        var smallBatches = Options.Create(new NotificationOptions { BatchSize = 10, SendConcurrency = 3 });

        await new OutboxDispatchJob(api.Db, api.Services.GetRequiredService<IMessageSender>(), new FakeTimeProvider(now.AddSeconds(1)),
            smallBatches, NullLogger<OutboxDispatchJob>.Instance).RunAsync();

        var status = await StatusOfAll();
        ids.Select(id => status[id.ToString()]).Should().OnlyContain(s => s == "Sent", "three batches in one run");
        ids.Select(id => api.Gateway.Accepted[id.ToString()]).Should().OnlyContain(n => n == 1);
    }
}

/// <summary>The gateway client's circuit breaker, on a frozen clock: it opens after failures, then lets a probe through and closes.</summary>
public sealed class CircuitFactory : GatewayFactory
{
    public FakeTimeProvider FrozenClock { get; } = new(TestClock.Start);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var s = base.Settings;
            s["RepairDispatch:Notifications:Retries"] = "1";
            s["RepairDispatch:Notifications:RetryDelaySeconds"] = "0";
            s["RepairDispatch:Notifications:CircuitMinimumThroughput"] = "4";
            s["RepairDispatch:Notifications:CircuitBreakSeconds"] = "5";
            return s;
        }
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(FrozenClock));
    }
}

public class GatewayCircuitTests(CircuitFactory api) : IClassFixture<CircuitFactory>
{
    [Fact]
    public async Task TheCircuitOpensOnAFailingGatewayAndClosesWhenItRecovers()
    {
        var sender = api.Services.GetRequiredService<IMessageSender>();
        OutgoingMessage Message() => new(Guid.NewGuid(), "JobDone", "en", "Customer", "13900000000", "x");
        api.Gateway.Behaviour = (_, _) => 503;

        var failures = new List<Exception>();
        for (var i = 0; i < 10; i++)
            failures.Add((await FluentActions.Awaiting(() => sender.SendAsync(Message(), CancellationToken.None)).Should().ThrowAsync<Exception>()).Which);
        var requestsWhileOpen = api.Gateway.Requests;
        await FluentActions.Awaiting(() => sender.SendAsync(Message(), CancellationToken.None)).Should().ThrowAsync<BrokenCircuitException>();

        failures.Should().Contain(e => e is BrokenCircuitException, "after enough failures the breaker opens");
        api.Gateway.Requests.Should().Be(requestsWhileOpen, "an open circuit does not call the gateway");
        api.Gateway.Behaviour = (_, _) => 200;
        api.FrozenClock.Advance(TimeSpan.FromSeconds(6));
        await sender.SendAsync(Message(), CancellationToken.None);
        await sender.SendAsync(Message(), CancellationToken.None);
        api.Gateway.Accepted.Should().HaveCount(2, "the probe closed the circuit");
    }
}
