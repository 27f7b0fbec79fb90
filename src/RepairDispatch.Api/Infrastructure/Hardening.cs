using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// Security headers on every answer (API answers are never cached and may not be framed or run scripts), client
/// addresses and scheme from a trusted reverse proxy (`RepairDispatch:Proxy:KnownProxies`, loopback by default), and
/// HTTPS redirection with HSTS when `RepairDispatch:Https:Redirect` is on (a node serving TLS itself).
/// </summary>
public static class Hardening
{
    public static IServiceCollection AddHardening(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in config.GetSection("RepairDispatch:Proxy:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        return services;
    }

    public static WebApplication UseHardening(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Configuration.GetValue("RepairDispatch:Https:Redirect", false))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                headers.CacheControl = "no-store";
            }
            else if (IsConsolePage(http.Request.Path))
            {
                headers.ContentSecurityPolicy = ConsolePolicy;
                headers.CacheControl = "no-cache";
            }
            return next(http);
        });
        return app;
    }

    /// <summary>The console's pages run only its own files: no inline script or style, no other origin, no framing.</summary>
    public const string ConsolePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // The technician's app (/m/, its service worker and manifest) and the customer's page (/c/) run under the console's policy.
    private static bool IsConsolePage(PathString path) =>
        path == "/" || path == "/index.html" || path.StartsWithSegments("/js") || path.StartsWithSegments("/css")
        || path.StartsWithSegments("/m") || path.StartsWithSegments("/c"); // the technician's app and the customer's page (issue 19)
}

/// <summary>What logs may show of personal data: a phone number as 138****5678, never whole.</summary>
public static class Mask
{
    public static string Phone(string value) => value.Length <= 7 ? new string('*', value.Length) : value[..3] + "****" + value[^4..];
}
