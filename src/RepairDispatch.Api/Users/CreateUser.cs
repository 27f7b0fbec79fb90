using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Users;

public sealed record CreateUserRequest(
    [property: Required, StringLength(64, MinimumLength = 3), RegularExpression("^[A-Za-z0-9._-]+$")] string Username,
    [property: Required, StringLength(128, MinimumLength = 10)] string Password,
    [property: Required, AllowedValues("admin", "manager", "frontdesk", "technician", "finance")] string Role,
    Guid? StoreId,
    Guid? TechnicianId);

public sealed record UserResponse(Guid Id, string Username, string Role, Guid? StoreId, Guid? TechnicianId, bool Active, DateTimeOffset CreatedAt);

public static class CreateUser
{
    private const string InsertSql = """
        INSERT INTO users (id, username, password_hash, role, store_id, technician_id, active, failed_logins, created_at)
        VALUES (@Id, @Username, @PasswordHash, @Role, @StoreId, @TechnicianId, 1, 0, @CreatedAt)
        """;
    private const string UsernameTakenSql = "SELECT COUNT(*) FROM users WHERE username = @Username";
    private const string StoreExistsSql = "SELECT COUNT(*) FROM stores WHERE id = @StoreId";
    private const string TechnicianStoreSql = "SELECT store_id FROM technicians WHERE id = @TechnicianId";
    private const string TechnicianHasUserSql = "SELECT COUNT(*) FROM users WHERE technician_id = @TechnicianId";

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Handle(CreateUserRequest request, Db db, TimeProvider clock)
    {
        if (request.Role == Roles.Technician && request.TechnicianId is null)
            return Problems.Validation("technicianId", Codes.Refusal.TechnicianLoginNeedsTechnician);
        if (request.Role != Roles.Technician && request.TechnicianId is not null)
            return Problems.Validation("technicianId", Codes.Refusal.OnlyTechnicianLinked);
        if (request.StoreId is null && !Roles.MayBeHeadquarters(request.Role) && request.TechnicianId is null)
            return Problems.Validation("storeId", Codes.Refusal.RoleNeedsStore);

        return await db.InTransactionAsync<Results<Created<UserResponse>, ProblemHttpResult>>(async (c, tx) =>
        {
            var storeId = request.StoreId;
            if (request.TechnicianId is { } techId)
            {
                var techStore = await c.QuerySingleOrDefaultAsync<Guid?>(TechnicianStoreSql, new { TechnicianId = techId }, tx);
                if (techStore is null) return Problems.Validation("technicianId", Codes.Refusal.NoSuchTechnician);
                if (storeId is not null && storeId != techStore) return Problems.Validation("storeId", Codes.Refusal.TechnicianOtherStore);
                if (await c.ExecuteScalarAsync<long>(TechnicianHasUserSql, new { TechnicianId = techId }, tx) > 0)
                    return Problems.Conflict("technician-has-user", Codes.Refusal.TechnicianHasLogin);
                storeId = techStore;
            }
            else if (storeId is not null && await c.ExecuteScalarAsync<long>(StoreExistsSql, new { StoreId = storeId }, tx) == 0)
                return Problems.Validation("storeId", Codes.Refusal.NoSuchStore);
            if (await c.ExecuteScalarAsync<long>(UsernameTakenSql, new { request.Username }, tx) > 0)
                return Problems.Conflict("username-taken", Codes.Refusal.UsernameTaken.With(request.Username));

            var user = new UserResponse(Guid.CreateVersion7(), request.Username, request.Role, storeId, request.TechnicianId, true, clock.GetUtcNow());
            await c.ExecuteAsync(InsertSql, new
            {
                user.Id, user.Username, PasswordHash = Passwords.Hash(request.Password), user.Role, user.StoreId, user.TechnicianId, user.CreatedAt,
            }, tx);
            return TypedResults.Created($"/api/v1/users/{user.Id}", user);
        });
    }
}
