using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// A reference point between the service and the in-process baseline: the baseline's Dapper read and insert behind a
/// bare ASP.NET Core minimal API (Kestrel, routing, System.Text.Json) in its own process, with no authentication,
/// rate limiting, validation or business rules. Service vs this = the cost of the service's own logic; this vs the
/// in-process baseline = the cost of HTTP on the loopback (client included, on the same cores).
/// </summary>
public static class BareServer
{
    public static async Task<int> RunAsync(Options options)
    {
        var url = ApiClient.LoopbackUrl(options, "url");
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var connectionString = Options.ConnectionString(options.Required("db"));
        var baseline = new Baseline(connectionString, await BenchData.LoadAsync(connectionString));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.ToString());
        var app = builder.Build();
        app.MapGet("/bare/health", () => Results.Ok());
        app.MapGet("/bare/work-orders/{id}", async (string id) =>
            await baseline.ReadRowAsync(id) is { } row ? Results.Ok(row) : Results.NotFound());
        app.MapPost("/bare/work-orders", async (BareCreate body) =>
            await baseline.InsertRowAsync(body.CustomerId, body.ApplianceId) is { } id
                ? Results.Created($"/bare/work-orders/{id}", new { id })
                : Results.StatusCode(500));
        await app.RunAsync();
        return 0;
    }

    public sealed record BareCreate(string CustomerId, string ApplianceId);
}
