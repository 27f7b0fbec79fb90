using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Manufacturers;

public static class ListManufacturers
{
    private const string Where = """
         FROM manufacturers
        WHERE (@Pattern IS NULL OR name LIKE @Pattern ESCAPE '\')
          AND (@CursorAt IS NULL OR created_at < @CursorAt OR (created_at = @CursorAt AND id < @CursorId))
        ORDER BY created_at DESC, id DESC
        """;
    private static readonly DialectSql ListSql = Paging.FirstRows("SELECT " + Manufacturer.Columns + Where);

    public static async Task<Results<Ok<Page<ManufacturerResponse>>, ProblemHttpResult>> Handle(
        Db db, [StringLength(200)] string? q, int? pageSize, string? cursor)
    {
        if (Cursor.Validate(pageSize, cursor) is ProblemHttpResult bad) return bad;
        var size = pageSize ?? Cursor.DefaultPageSize;
        var hasCursor = Cursor.TryDecode(cursor, out var at, out var lastId);
        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<Manufacturer.Row>(db.Sql(ListSql), new
        {
            Pattern = string.IsNullOrWhiteSpace(q) ? null : "%" + Like.Escape(q.Trim()) + "%",
            CursorAt = hasCursor ? at : (DateTimeOffset?)null,
            CursorId = hasCursor ? lastId : (Guid?)null,
            Take = size + 1,
        })).ToList();
        var page = Cursor.Cut(rows, size, r => (r.CreatedAt, r.Id));
        return TypedResults.Ok(new Page<ManufacturerResponse>(page.Items.Select(r => r.ToResponse()).ToList(), page.NextCursor));
    }
}
