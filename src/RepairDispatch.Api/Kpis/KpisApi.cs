using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Kpis;

public static class KpisApi
{
    public static void MapKpis(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports/kpis", KpiReport.Managers).WithTags("Reports").RequireAuthorization(Policies.Finance)
            .WithName("KpiReport").Produces<KpiReportView>().ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        app.MapGet("/api/v1/reports/kpis/definitions", KpiDefinitionsList.Get).WithTags("Reports").RequireAuthorization(Policies.Finance)
            .WithName("KpiDefinitions").Produces<KpiDefinitions>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        app.MapGet("/api/v1/mobile/kpis", KpiReport.Technician).WithTags("Mobile").RequireAuthorization(Policies.TechnicianOnly)
            .WithName("MyKpis").Produces<KpiReportView>().ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
    }
}
