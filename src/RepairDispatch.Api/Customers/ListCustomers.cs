using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Customers;

public static class ListCustomers
{
    private const string Where = """
        FROM customers c
        WHERE (@StoreId IS NULL OR c.store_id = @StoreId)
          AND (@Pattern IS NULL OR c.name LIKE @Pattern ESCAPE '\')
          AND (@Phone IS NULL OR EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id AND p.phone = @Phone))
          AND (@CursorAt IS NULL OR c.created_at < @CursorAt OR (c.created_at = @CursorAt AND c.id < @CursorId))
        ORDER BY c.created_at DESC, c.id DESC
        """;
    // A phone finds a customer or two: start from ix_customer_phones_phone. Behind "@Phone IS NULL OR EXISTS …" SQLite
    // walks every customer (bench/chain.sh: 2,000,000 customers).
    private const string ByPhone = """
        FROM customers c
        WHERE c.id IN (SELECT p.customer_id FROM customer_phones p WHERE p.phone = @Phone)
          AND (@StoreId IS NULL OR c.store_id = @StoreId)
          AND (@Pattern IS NULL OR c.name LIKE @Pattern ESCAPE '\')
          AND (@CursorAt IS NULL OR c.created_at < @CursorAt OR (c.created_at = @CursorAt AND c.id < @CursorId))
        ORDER BY c.created_at DESC, c.id DESC
        """;
    private static readonly DialectSql ListSql = Paging.FirstRows("SELECT " + Customer.Columns + " " + Where, "OPTION (RECOMPILE)");
    private static readonly DialectSql ByPhoneSql = Paging.FirstRows("SELECT " + Customer.Columns + " " + ByPhone);

    public static async Task<Results<Ok<Page<CustomerResponse>>, ProblemHttpResult>> Handle(
        HttpContext http, Db db, [StringLength(32)] string? phone, [StringLength(200)] string? q, Guid? storeId, int? pageSize, string? cursor)
    {
        if (Cursor.Validate(pageSize, cursor) is ProblemHttpResult bad) return bad;
        string? normalised = null;
        if (!string.IsNullOrWhiteSpace(phone) && (normalised = Customer.NormalisePhone(phone)) is null)
            return Problems.Validation("phone", Codes.Refusal.PhoneDigits);
        var me = http.Me();
        // A store-bound user asking for another store gets nothing rather than an error.
        var store = me.StoreId is { } own && storeId is { } asked && asked != own ? Guid.Empty : me.StoreId ?? storeId;
        var size = pageSize ?? Cursor.DefaultPageSize;
        var hasCursor = Cursor.TryDecode(cursor, out var at, out var lastId);

        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<Customer.Row>(db.Sql(normalised is null ? ListSql : ByPhoneSql), new
        {
            StoreId = store,
            Pattern = string.IsNullOrWhiteSpace(q) ? null : "%" + Like.Escape(q.Trim()) + "%",
            Phone = normalised,
            CursorAt = hasCursor ? at : (DateTimeOffset?)null,
            CursorId = hasCursor ? lastId : (Guid?)null,
            Take = size + 1,
        })).ToList();
        var page = Cursor.Cut(rows, size, r => (r.CreatedAt, r.Id));
        return TypedResults.Ok(new Page<CustomerResponse>(await Customer.CompleteAsync(c, page.Items), page.NextCursor));
    }
}

/// <summary>Makes user text literal inside a LIKE pattern (used with ESCAPE '\').</summary>
public static class Like
{
    public static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal).Replace("[", @"\[", StringComparison.Ordinal);
}
