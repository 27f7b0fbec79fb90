namespace RepairDispatch.Api.Technicians;

public static class TechniciansApi
{
    public static void MapTechnicians(this IEndpointRouteBuilder app)
    {
    }
}
