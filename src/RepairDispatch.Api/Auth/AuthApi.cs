namespace RepairDispatch.Api.Auth;

public sealed record MeResponse(Guid Id, string Username, string Role, Guid? StoreId, Guid? TechnicianId);

public static class AuthApi
{
    public const string LoginRateLimit = "login";

    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous().RequireRateLimiting(LoginRateLimit);
        auth.MapPost("/token", IssueToken.Handle).WithName("IssueToken")
            .Produces<TokenResponse>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(429);
        auth.MapPost("/refresh", RefreshToken.Refresh).WithName("RefreshToken")
            .Produces<TokenResponse>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(429);
        auth.MapPost("/revoke", RefreshToken.Revoke).WithName("RevokeRefreshToken")
            .Produces(204).ProducesProblem(400).ProducesProblem(429);

        var dashboard = app.MapGroup("/api/v1/auth/dashboard-session").WithTags("Auth").RequireAuthorization(Policies.Dispatch)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        dashboard.MapPost("/", (Func<HttpContext, Task<IResult>>)DashboardSession.Start).WithName("StartDashboardSession").Produces(204);
        dashboard.MapDelete("/", (Func<HttpContext, Task<IResult>>)DashboardSession.End).WithName("EndDashboardSession").Produces(204);

        app.MapGet("/api/v1/me", (HttpContext http) =>
            {
                var me = http.Me();
                return TypedResults.Ok(new MeResponse(me.Id, me.Username, me.Role, me.StoreId, me.TechnicianId));
            })
            .WithTags("Auth").WithName("GetMe").RequireAuthorization().ProducesProblem(401);
    }
}
