using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Clients;

public static class ClientsApi
{
    public static void MapClients(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/clients").WithTags("Machine clients").RequireAuthorization(Policies.Admin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapPost("/", CreateClient.Handle).WithName("CreateClient")
            .Produces<ClientSecretResponse>(201).ProducesValidationProblem().ProducesProblem(409);
        group.MapGet("/", ClientLifecycle.List).WithName("ListClients").Produces<Infrastructure.Page<ClientView>>();
        group.MapGet("/{id:guid}", ClientLifecycle.Get).WithName("GetClient").Produces<ClientView>().ProducesProblem(404);
        group.MapPost("/{id:guid}/rotate-secret", ClientLifecycle.Rotate).WithName("RotateClientSecret")
            .Produces<ClientSecretResponse>().ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/revoke", ClientLifecycle.Revoke).WithName("RevokeClient").Produces<ClientView>().ProducesProblem(404);

        app.MapPost("/api/v1/auth/client-token", ClientTokens.Issue).WithTags("Auth").WithName("IssueClientToken")
            .AllowAnonymous().RequireRateLimiting(AuthApi.LoginRateLimit)
            .Produces<ClientTokenResponse>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(429);
    }
}
