using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.InstallerPartners;

public static class ListInstallerPartners
{
    private const string Where = """
         FROM installer_partners p
        WHERE (@Category IS NULL OR EXISTS (SELECT 1 FROM installer_partner_categories k WHERE k.installer_partner_id = p.id AND k.category = @Category))
          AND (@CursorAt IS NULL OR p.created_at < @CursorAt OR (p.created_at = @CursorAt AND p.id < @CursorId))
        ORDER BY p.created_at DESC, p.id DESC
        """;
    private static readonly DialectSql ListSql = Paging.FirstRows("SELECT " + InstallerPartner.Columns + Where);

    public static async Task<Results<Ok<Page<InstallerPartnerResponse>>, ProblemHttpResult>> Handle(
        Db db, Stores.StoreClock clock, ApplianceCategory? category, int? pageSize, string? cursor)
    {
        if (Cursor.Validate(pageSize, cursor) is ProblemHttpResult bad) return bad;
        var size = pageSize ?? Cursor.DefaultPageSize;
        var hasCursor = Cursor.TryDecode(cursor, out var at, out var lastId);
        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<InstallerPartner.Row>(db.Sql(ListSql), new
        {
            Category = category?.ToString(),
            CursorAt = hasCursor ? at : (DateTimeOffset?)null,
            CursorId = hasCursor ? lastId : (Guid?)null,
            Take = size + 1,
            Today = clock.HeadquartersToday,
        })).ToList();
        var page = Cursor.Cut(rows, size, r => (r.CreatedAt, r.Id));
        return TypedResults.Ok(new Page<InstallerPartnerResponse>(await InstallerPartner.CompleteAsync(c, page.Items), page.NextCursor));
    }
}
