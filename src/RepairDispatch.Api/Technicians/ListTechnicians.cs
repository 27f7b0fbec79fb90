using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Technicians;

public static class ListTechnicians
{
    private const string Filter = """
        FROM technicians t
        WHERE (@StoreId IS NULL OR t.store_id = @StoreId)
          AND (@Active IS NULL OR t.active = @Active)
          AND (@Category IS NULL OR EXISTS (SELECT 1 FROM technician_skills s WHERE s.technician_id = t.id AND s.category = @Category))
          AND (@AfterCreatedAt IS NULL OR t.created_at < @AfterCreatedAt OR (t.created_at = @AfterCreatedAt AND t.id < @AfterId))
        ORDER BY t.created_at DESC, t.id DESC
        """;
    private static readonly DialectSql ListSql = Paging.FirstRows("SELECT " + TechnicianReads.Columns + " " + Filter);

    public static async Task<Results<Ok<Page<TechnicianResponse>>, ProblemHttpResult>> Handle(
        HttpContext http, Db db, Guid? storeId, ApplianceCategory? category, bool? active, int? pageSize, string? cursor)
    {
        if (Cursor.Validate(pageSize, cursor) is ProblemHttpResult invalid) return invalid;
        var me = http.Me();
        // Store-bound users list their own store; asking for another store finds nothing.
        if (me.StoreId is { } own && storeId is not null && storeId != own) return TypedResults.Ok(new Page<TechnicianResponse>([], null));
        var size = pageSize ?? Cursor.DefaultPageSize;
        var after = Cursor.TryDecode(cursor, out var afterCreatedAt, out var afterId);

        await using var c = await db.OpenAsync();
        var technicians = await TechnicianReads.LoadAsync(c, null, db.Sql(ListSql), new
        {
            StoreId = me.StoreId ?? storeId, Active = active, Category = category?.ToString(),
            AfterCreatedAt = after ? afterCreatedAt : (DateTimeOffset?)null, AfterId = after ? afterId : (Guid?)null, Take = size + 1,
        });
        return TypedResults.Ok(Cursor.Cut(technicians, size, t => (t.CreatedAt, t.Id)));
    }
}
