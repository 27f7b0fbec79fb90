using System.Globalization;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>Tells every API caller its allowance (RateLimit-Limit per minute, RateLimit-Reset in seconds), as the OpenAPI document says.</summary>
public static class RateLimitHeaders
{
    public static IApplicationBuilder UseRateLimitHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        var limit = options.RequestsPerMinute.ToString(CultureInfo.InvariantCulture);
        var loginLimit = options.LoginRequestsPerMinute.ToString(CultureInfo.InvariantCulture);
        var replenish = RateLimits.ReplenishSeconds.ToString(CultureInfo.InvariantCulture);
        return app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                var login = http.Request.Path.StartsWithSegments("/api/v1/auth");
                http.Response.Headers["RateLimit-Limit"] = login ? loginLimit : limit;
                http.Response.Headers["RateLimit-Reset"] = login ? "60" : replenish;
            }
            return next(http);
        });
    }
}
