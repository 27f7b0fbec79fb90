namespace RepairDispatch.Api.Mobile;

public static class MobileApi
{
    public static void MapMobile(this IEndpointRouteBuilder app)
    {
    }
}
