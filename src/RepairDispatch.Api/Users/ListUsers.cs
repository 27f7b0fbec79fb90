using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Users;

public static class ListUsers
{
    private const string ListSql = "SELECT id, username, role, store_id, technician_id, active, created_at FROM users ORDER BY username";

    public static async Task<Ok<Page<UserResponse>>> Handle(Db db)
    {
        await using var c = await db.OpenAsync();
        var rows = await c.QueryAsync<Row>(ListSql);
        return TypedResults.Ok(new Page<UserResponse>(
            rows.Select(r => new UserResponse(r.Id, r.Username, r.Role, r.StoreId, r.TechnicianId, r.Active, r.CreatedAt)).ToList(), null));
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Username { get; init; } = "";
        public string Role { get; init; } = "";
        public Guid? StoreId { get; init; }
        public Guid? TechnicianId { get; init; }
        public bool Active { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }
}
