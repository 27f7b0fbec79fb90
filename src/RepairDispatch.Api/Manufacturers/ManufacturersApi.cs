namespace RepairDispatch.Api.Manufacturers;

public static class ManufacturersApi
{
    public static void MapManufacturers(this IEndpointRouteBuilder app)
    {
    }
}
