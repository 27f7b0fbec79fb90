using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// An SMS/webhook gateway on the loopback that behaves as told per request (fail, hang, answer) and counts, per
/// Idempotency-Key, the requests it accepted: a message that reaches it twice shows as 2.
/// </summary>
public sealed class LocalGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    /// <summary>What to do with the n-th request (1-based): a status code to answer, or null to hang until cancelled.</summary>
    public Func<int, string, int?> Behaviour { get; set; } = (_, _) => 200;

    public ConcurrentDictionary<string, int> Accepted { get; } = new();
    public int Requests => _requests;
    public string Url { get; }

    private LocalGateway(WebApplication app, string url) => (_app, Url) = (app, url);

    public static async Task<LocalGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalGateway? gateway = null;
        app.MapPost("/messages", async (HttpContext http) =>
        {
            var n = Interlocked.Increment(ref gateway!._requests);
            var key = http.Request.Headers["Idempotency-Key"].ToString();
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            if (gateway.Behaviour(n, body) is not { } status)
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { });
                return Results.StatusCode(504);
            }
            if (status == 200) gateway.Accepted.AddOrUpdate(key, 1, (_, seen) => seen + 1);
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        gateway = new LocalGateway(app, app.Urls.Single() + "/messages");
        return gateway;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
