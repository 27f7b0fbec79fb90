namespace RepairDispatch.Api.InstallerPartners;

public static class InstallerPartnersApi
{
    public static void MapInstallerPartners(this IEndpointRouteBuilder app)
    {
    }
}
