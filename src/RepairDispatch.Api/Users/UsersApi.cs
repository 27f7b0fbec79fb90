using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Users;

public static class UsersApi
{
    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Policies.Admin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        group.MapPost("/", CreateUser.Handle).WithName("CreateUser").ProducesValidationProblem().ProducesProblem(409);
        group.MapGet("/", ListUsers.Handle).WithName("ListUsers");
    }
}
