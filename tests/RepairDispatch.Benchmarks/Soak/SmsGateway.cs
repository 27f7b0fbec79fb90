using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RepairDispatch.Benchmarks.Soak;

/// <summary>
/// The SMS gateway the services deliver the outbox to (their Http sender): it counts the deliveries of each message by
/// its Idempotency-Key, so the checks can tell a message sent twice by two nodes' dispatch jobs from one sent once.
/// </summary>
public sealed class SmsGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentDictionary<string, int> Deliveries { get; } = new();

    private SmsGateway(WebApplication app) => _app = app;

    public static async Task<SmsGateway> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var gateway = new SmsGateway(app);
        app.MapPost("/sms", (HttpRequest request) =>
        {
            var key = request.Headers["Idempotency-Key"].ToString();
            gateway.Deliveries.AddOrUpdate(key, 1, (_, n) => n + 1);
            return Results.Ok();
        });
        await app.StartAsync();
        return gateway;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
