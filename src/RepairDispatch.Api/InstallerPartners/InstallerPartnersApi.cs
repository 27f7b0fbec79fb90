using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.InstallerPartners;

public static class InstallerPartnersApi
{
    public static void MapInstallerPartners(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/installer-partners").WithTags("Installer partners").RequireAuthorization(Policies.Staff)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapPost("/", CreateInstallerPartner.Handle).RequireAuthorization(Policies.Dispatch).WithName("CreateInstallerPartner")
            .ProducesValidationProblem().ProducesProblem(409);
        group.MapGet("/", ListInstallerPartners.Handle).WithName("ListInstallerPartners").ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetInstallerPartner.Handle).WithName("GetInstallerPartner").ProducesProblem(404);
        group.MapPost("/{id:guid}/rates", PartnerRates.Add).RequireAuthorization(Policies.Dispatch).WithName("AddInstallerPartnerRate")
            .Produces<PartnerRateResponse>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{id:guid}/rates", PartnerRates.List).WithName("ListInstallerPartnerRates")
            .Produces<Infrastructure.Page<PartnerRateResponse>>().ProducesProblem(404);
    }
}
