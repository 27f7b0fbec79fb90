using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Manufacturers;

/// <summary>The statements of one table of per-manufacturer mappings: (manufacturer_id, version, body JSON, updated_by, updated_at).</summary>
public sealed record MappingTable(string SelectSql, string InsertSql, string UpdateSql);

/// <summary>
/// A manufacturer's saved column mapping (its statements', its orders'): one JSON body with a version that is its ETag.
/// Replacing one needs If-Match (428 without, 412 when someone saved in between), so nobody overwrites a mapping unseen;
/// the first may be created without it.
/// </summary>
public static class ManufacturerMappings
{
    private const string ManufacturerSql = "SELECT COUNT(*) FROM manufacturers WHERE id = @Id";

    private const string StatementSelectSql = "SELECT version, body FROM statement_mappings WHERE manufacturer_id = @Id";
    private const string StatementInsertSql = """
        INSERT INTO statement_mappings (manufacturer_id, version, body, updated_by_user_id, updated_at) VALUES (@Id, 1, @Body, @UserId, @Now)
        """;
    private const string StatementUpdateSql = """
        UPDATE statement_mappings SET version = version + 1, body = @Body, updated_by_user_id = @UserId, updated_at = @Now
        WHERE manufacturer_id = @Id AND version = @Version
        """;
    private const string OrderSelectSql = "SELECT version, body FROM manufacturer_order_mappings WHERE manufacturer_id = @Id";
    private const string OrderInsertSql = """
        INSERT INTO manufacturer_order_mappings (manufacturer_id, version, body, updated_by_user_id, updated_at) VALUES (@Id, 1, @Body, @UserId, @Now)
        """;
    private const string OrderUpdateSql = """
        UPDATE manufacturer_order_mappings SET version = version + 1, body = @Body, updated_by_user_id = @UserId, updated_at = @Now
        WHERE manufacturer_id = @Id AND version = @Version
        """;

    public static readonly MappingTable Statements = new(StatementSelectSql, StatementInsertSql, StatementUpdateSql);
    public static readonly MappingTable Orders = new(OrderSelectSql, OrderInsertSql, OrderUpdateSql);

    public sealed class Stored
    {
        public long Version { get; init; }
        public string Body { get; init; } = "";
    }

    public static Task<Stored?> LoadAsync(DbConnection c, DbTransaction? tx, MappingTable table, Guid manufacturerId) =>
        c.QuerySingleOrDefaultAsync<Stored>(table.SelectSql, new { Id = manufacturerId }, tx);

    /// <summary>GET: 404 for an unknown manufacturer, 404 <paramref name="none"/> without a mapping, else the answer with its ETag.</summary>
    public static async Task<IResult> GetAsync(Db db, MappingTable table, Guid id, Text none, Func<Stored, IResult> answer)
    {
        await using var c = await db.OpenAsync();
        if (await c.ExecuteScalarAsync<long>(ManufacturerSql, new { Id = id }) == 0) return Problems.NotFound(Codes.Thing.Manufacturer);
        return await LoadAsync(c, null, table, id) is { } found ? answer(found) : Problems.Make(StatusCodes.Status404NotFound, "not-found", none);
    }

    /// <summary>PUT of an already validated body: stores it as the next version under If-Match, answers it with its new version.</summary>
    public static Task<IResult> PutAsync(Db db, HttpContext http, TimeProvider clock, MappingTable table, Guid id, string body, Func<long, IResult> answer)
    {
        var ifMatch = ETags.IfMatch(http.Request);
        var me = http.Me();
        return db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(ManufacturerSql, new { Id = id }, tx) == 0) return Problems.NotFound(Codes.Thing.Manufacturer);
            var current = await LoadAsync(c, tx, table, id);
            if (current is not null && ifMatch is null) return Problems.PreconditionRequired();
            if (ifMatch is { } expected && expected != (current?.Version ?? 0))
                return Problems.PreconditionFailed(current is null ? null : $"\"{current.Version}\"");
            var args = new { Id = id, Body = body, UserId = me.Id, Now = clock.GetUtcNow(), Version = current?.Version ?? 0 };
            if (await c.ExecuteAsync(current is null ? table.InsertSql : table.UpdateSql, args, tx) == 0) return Problems.PreconditionFailed();
            return answer((current?.Version ?? 0) + 1);
        });
    }
}
