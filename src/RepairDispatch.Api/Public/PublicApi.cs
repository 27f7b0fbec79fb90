using System.Threading.RateLimiting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Public;

/// <summary>
/// The customer's routes: the desk makes and revokes links; the page and its calls work by link token alone (no login),
/// limited per client address and per token with the built-in rate limiter.
/// </summary>
public static class PublicApi
{
    public const string TokenRateLimit = "public-token";
    private const string PublicPrefix = "/api/v1/public";

    public static void MapPublic(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PublicOptions>>().Value;
        (CustomerLink.MessageBase, CustomerLink.MessageLinkDays) = (PublicLinks.BaseOf(options, null), options.OrderLinkDays);

        app.MapPost("/api/v1/work-orders/{id:guid}/customer-link", CustomerLink.Create).WithTags("Work orders").WithName("CreateCustomerLink")
            .RequireAuthorization(Policies.Intake).Produces<CustomerLinkResponse>(201).Staff().ProducesProblem(404).ProducesProblem(409);
        app.MapDelete("/api/v1/work-orders/{id:guid}/customer-link", CustomerLink.Revoke).WithTags("Work orders").WithName("RevokeCustomerLinks")
            .RequireAuthorization(Policies.Intake).Produces<RevokedLinks>().Staff().ProducesProblem(404);
        app.MapGet("/api/v1/appliances/{id:guid}/qr", ApplianceQr.Png).WithTags("Customers").WithName("GetApplianceQr")
            .RequireAuthorization(Policies.Intake).Produces(200, null, "image/png").Staff().ProducesProblem(404);
        app.MapGet("/api/v1/appliances/{id:guid}/qr-link", ApplianceQr.Link).WithTags("Customers").WithName("GetApplianceQrLink")
            .RequireAuthorization(Policies.Intake).Produces<QrLinkResponse>().Staff().ProducesProblem(404);
        app.MapDelete("/api/v1/appliances/{id:guid}/qr-link", ApplianceQr.Revoke).WithTags("Customers").WithName("RevokeApplianceQrLinks")
            .RequireAuthorization(Policies.Intake).Produces<RevokedLinks>().Staff().ProducesProblem(404);

        var open = app.MapGroup(PublicPrefix).WithTags("Customer page").AllowAnonymous().RequireRateLimiting(TokenRateLimit)
            .WithMetadata(new LinkTokenRoute()).ProducesProblem(404).ProducesProblem(429);
        open.MapGet("/orders/{token}", PublicOrder.Get).WithName("GetPublicOrder").Produces<PublicOrderView>();
        open.MapPost("/orders/{token}/reschedule", PublicOrderSteps.Reschedule).WithName("ReschedulePublicOrder")
            .Produces<PublicOrderView>().ProducesValidationProblem().ProducesProblem(409);
        open.MapPost("/orders/{token}/cancel", PublicOrderSteps.Cancel).WithName("CancelPublicOrder")
            .Produces<PublicOrderView>().ProducesValidationProblem().ProducesProblem(409);
        open.MapPost("/orders/{token}/rating", PublicRating.Rate).WithName("RatePublicOrder")
            .Produces<PublicOrderView>().ProducesValidationProblem().ProducesProblem(409);
        open.MapPost("/appliances/{token}/verify", ApplianceVerify.Handle).WithName("VerifyAppliancePhone")
            .Produces<PublicCodeSent>(202).ProducesValidationProblem();
        open.MapPost("/appliances/{token}/report", ApplianceReport.Handle).WithName("ReportApplianceFault")
            .Produces<PublicReportResponse>(201).Produces<PublicReportResponse>(200).ProducesValidationProblem();

        // The page itself (wwwroot/c; its script and style under /c/assets, which no token route matches): one file for an order's link and a sticker's; its script reads the token from the address.
        app.MapGet("/c/{token}", Page).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/c/a/{token}", Page).AllowAnonymous().ExcludeFromDescription();
    }

    private static RouteHandlerBuilder Staff(this RouteHandlerBuilder route) => route.ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);

    private static IResult Page(string token, HttpContext http, IWebHostEnvironment env)
    {
        // The token is in the address: never stored by a cache (Referrer-Policy no-referrer keeps it from other sites).
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(env.WebRootFileProvider.GetFileInfo("c/index.html").CreateReadStream(), "text/html; charset=utf-8");
    }

    /// <summary>Marks the routes opened by a link token: the OpenAPI document says so (an explicit anonymous requirement).</summary>
    private sealed class LinkTokenRoute;

    public static IServiceCollection AddPublic(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection("RepairDispatch:Public");
        services.Configure<PublicOptions>(section);
        var options = section.Get<PublicOptions>() ?? new PublicOptions();
        services.Configure<RateLimiterOptions>(o =>
        {
            o.AddPolicy(TokenRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                "public-token:" + http.GetRouteValue("token"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RequestsPerMinutePerToken, Window = TimeSpan.FromMinutes(1) }));
            // Per address on the public routes, on top of the service-wide limit (chained: both must allow).
            var byAddress = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments(PublicPrefix)
                    ? RateLimitPartition.GetFixedWindowLimiter("public-address:" + http.Connection.RemoteIpAddress,
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RequestsPerMinutePerAddress, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter(""));
            o.GlobalLimiter = o.GlobalLimiter is { } global ? PartitionedRateLimiter.CreateChained(global, byAddress) : byAddress;
        });
        services.Configure<OpenApiOptions>("v1", o => o.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<LinkTokenRoute>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement()]; // `{}`: no login; the link token in the path is the key
                foreach (var parameter in operation.Parameters ?? [])
                    if (parameter is OpenApiParameter { Name: "token" } token)
                        token.Description = "The link's token (43 characters of base64url) from the customer's message, the desk or the sticker.";
            }
            return Task.CompletedTask;
        }));
        return services;
    }
}
