using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Customers;

public static class ListAppliances
{
    // The registry: an appliance returned or exchanged at the till has left it (GET /appliances/{id} still shows it).
    private const string Where = """
        WHERE a.customer_id = @CustomerId AND a.left_registry_on IS NULL
          AND (@CursorAt IS NULL OR a.created_at < @CursorAt OR (a.created_at = @CursorAt AND a.id < @CursorId))
        ORDER BY a.created_at DESC, a.id DESC
        """;
    private static readonly DialectSql ListSql = Paging.FirstRows("SELECT " + Appliance.Columns + Appliance.From + Where);

    public static async Task<Results<Ok<Page<ApplianceResponse>>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, Db db, int? pageSize, string? cursor)
    {
        if (Cursor.Validate(pageSize, cursor) is ProblemHttpResult bad) return bad;
        var size = pageSize ?? Cursor.DefaultPageSize;
        var hasCursor = Cursor.TryDecode(cursor, out var at, out var lastId);

        await using var c = await db.OpenAsync();
        if (await Customer.VisibleStoreAsync(c, null, id, http.Me()) is null) return Problems.NotFound(Codes.Thing.Customer);
        var rows = (await c.QueryAsync<Appliance.Row>(db.Sql(ListSql), new
        {
            CustomerId = id,
            CursorAt = hasCursor ? at : (DateTimeOffset?)null,
            CursorId = hasCursor ? lastId : (Guid?)null,
            Take = size + 1,
        })).ToList();
        var page = Cursor.Cut(rows, size, r => (r.CreatedAt, r.Id));
        return TypedResults.Ok(new Page<ApplianceResponse>(page.Items.Select(r => r.ToResponse()).ToList(), page.NextCursor));
    }
}
