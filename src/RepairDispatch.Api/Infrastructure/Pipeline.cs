using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace RepairDispatch.Api.Infrastructure;

public static class Pipeline
{
    public static WebApplication UseRepairDispatch(this WebApplication app)
    {
        app.Services.GetRequiredService<OutboxBacklogGauge>(); // registers the gauge with the host's meter
        app.UseRequestLocalization(); // first, so refusals made anywhere below speak the caller's language
        app.UseHardening();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The browser console (wwwroot, `/`): plain files before authentication; no fallback route, so an unknown /api path stays a 404 problem.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.Use(RejectOversizedBodies);
        app.UseRateLimitHeaders();
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<Idempotency>();

        app.MapJobsDashboard();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteReadiness })
            .AllowAnonymous();
        return app;
    }

    /// <summary>The status, then what is not healthy and why (e.g. a year without a working-day calendar), one line each.</summary>
    private static Task WriteReadiness(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}");
        return http.Response.WriteAsync(string.Join('\n', lines.Prepend(report.Status.ToString())));
    }

    // Kestrel enforces MaxRequestBodySize while reading; this answers early (and under the test host too).
    private static Task RejectOversizedBodies(HttpContext http, RequestDelegate next)
    {
        // A route may allow more (a photo upload declares its limit with RequestSizeLimit, which routing also hands to Kestrel).
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? ServiceSetup.MaxBodyBytes;
        if (http.Request.ContentLength > limit)
            throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        return next(http);
    }
}
