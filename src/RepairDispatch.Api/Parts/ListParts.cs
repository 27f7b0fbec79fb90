using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Parts;

public static class ListParts
{
    private const string Where = """
         FROM parts
        WHERE (@Pattern IS NULL OR name LIKE @Pattern ESCAPE '\' OR part_number LIKE @Pattern ESCAPE '\')
          AND (@Category IS NULL OR category = @Category)
          AND (@ManufacturerId IS NULL OR manufacturer_id = @ManufacturerId)
          AND (@CursorAt IS NULL OR created_at < @CursorAt OR (created_at = @CursorAt AND id < @CursorId))
        ORDER BY created_at DESC, id DESC
        """;
    private static readonly DialectSql ListSql = Paging.FirstRows("SELECT " + Part.Columns + Where, "OPTION (RECOMPILE)");

    public static async Task<Results<Ok<Page<PartResponse>>, ProblemHttpResult>> Handle(
        Db db, [StringLength(200)] string? q, ApplianceCategory? category, Guid? manufacturerId, int? pageSize, string? cursor)
    {
        if (Cursor.Validate(pageSize, cursor) is ProblemHttpResult bad) return bad;
        var size = pageSize ?? Cursor.DefaultPageSize;
        var hasCursor = Cursor.TryDecode(cursor, out var at, out var lastId);
        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<Part.Row>(db.Sql(ListSql), new
        {
            Pattern = string.IsNullOrWhiteSpace(q) ? null : "%" + Like.Escape(q.Trim()) + "%",
            Category = category?.ToString(),
            ManufacturerId = manufacturerId,
            CursorAt = hasCursor ? at : (DateTimeOffset?)null,
            CursorId = hasCursor ? lastId : (Guid?)null,
            Take = size + 1,
        })).ToList();
        var page = Cursor.Cut(rows, size, r => (r.CreatedAt, r.Id));
        return TypedResults.Ok(new Page<PartResponse>(page.Items.Select(r => r.ToResponse()).ToList(), page.NextCursor));
    }
}
