using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Claims;

/// <summary>Finance's claims queue (the roles that run settlements) a manager's release of an expired claim, and finance's resubmission of a rejected one.</summary>
public static class ClaimsApi
{
    public static void MapClaims(this IEndpointRouteBuilder app)
    {
        var claims = app.MapGroup("/api/v1/claims").WithTags("Claims").RequireAuthorization(Policies.Finance)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        claims.MapGet("/", ListClaims.Handle).WithName("ListClaims").Produces<Infrastructure.Page<ClaimView>>().ProducesValidationProblem();
        claims.MapPost("/{workOrderId:guid}/release", ReleaseClaim.Handle).RequireAuthorization(Policies.Dispatch).WithName("ReleaseClaim")
            .Produces<ClaimView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        claims.MapPost("/{workOrderId:guid}/resubmit", ResubmitClaim.Handle).WithName("ResubmitClaim")
            .Produces<ClaimView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }
}
