namespace RepairDispatch.Api.Parts;

public static class PartsApi
{
    public static void MapParts(this IEndpointRouteBuilder app)
    {
    }
}
