using System.Data.Common;
using System.Text.Json;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Statements;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.ManufacturerOrders;

/// <summary>
/// GET/PUT /manufacturers/{id}/order-mapping, versioned like the statement mapping: the ETag is the version, replacing
/// one needs If-Match (428 without, 412 when someone saved in between); the first may be created without it.
/// </summary>
public static class OrderMappingEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string ManufacturerSql = "SELECT COUNT(*) FROM manufacturers WHERE id = @Id";
    private const string MappingSql = "SELECT version, body FROM manufacturer_order_mappings WHERE manufacturer_id = @Id";
    private const string InsertSql = """
        INSERT INTO manufacturer_order_mappings (manufacturer_id, version, body, updated_by_user_id, updated_at) VALUES (@Id, 1, @Body, @UserId, @Now)
        """;
    private const string UpdateSql = """
        UPDATE manufacturer_order_mappings SET version = version + 1, body = @Body, updated_by_user_id = @UserId, updated_at = @Now
        WHERE manufacturer_id = @Id AND version = @Version
        """;

    private sealed class Row
    {
        public long Version { get; init; }
        public string Body { get; init; } = "";
    }

    /// <summary>The brand's saved profile with its version, or null when it has none.</summary>
    public static async Task<(OrderMapping Mapping, long Version)?> LoadAsync(DbConnection c, DbTransaction? tx, Guid manufacturerId)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(MappingSql, new { Id = manufacturerId }, tx);
        return row is null ? null : (OrderMapping.Of(JsonSerializer.Deserialize<OrderMappingBody>(row.Body, Json)!), row.Version);
    }

    /// <summary>The brand's profile, the defaults when none is saved.</summary>
    public static async Task<OrderMapping> OfAsync(DbConnection c, DbTransaction? tx, Guid manufacturerId) =>
        (await LoadAsync(c, tx, manufacturerId))?.Mapping ?? OrderMapping.Default;

    private static IResult Answer(Guid id, OrderMapping m, long version) => new WithETag($"\"{version}\"", TypedResults.Ok(
        new OrderMappingResponse(id, m.Sheet, m.HeaderRow, m.Columns!, m.IgnoredColumns, m.CancelReasonCodes, m.StatusWords, version)));

    public static async Task<IResult> Get(Guid id, Db db)
    {
        await using var c = await db.OpenAsync();
        if (await c.ExecuteScalarAsync<long>(ManufacturerSql, new { Id = id }) == 0) return Problems.NotFound(Codes.Thing.Manufacturer);
        return await LoadAsync(c, null, id) is { } found ? Answer(id, found.Mapping, found.Version)
            : Problems.Make(StatusCodes.Status404NotFound, "not-found", Codes.Brand.NoMapping);
    }

    public static async Task<IResult> Put(Guid id, OrderMappingBody body, HttpContext http, Db db, TimeProvider clock)
    {
        var twice = body.Columns!.Named().Select(n => n.Header).Concat(body.IgnoredColumns ?? [])
            .GroupBy(StatementCells.HeaderKey).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) return Problems.Validation("columns", Codes.Brand.MappingHeaderTwice.With(twice.First()));
        var ifMatch = ETags.IfMatch(http.Request);
        var me = http.Me();
        var stored = JsonSerializer.Serialize(body, Json);
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(ManufacturerSql, new { Id = id }, tx) == 0) return Problems.NotFound(Codes.Thing.Manufacturer);
            var current = await c.QuerySingleOrDefaultAsync<Row>(MappingSql, new { Id = id }, tx);
            if (current is not null && ifMatch is null) return Problems.PreconditionRequired();
            if (ifMatch is { } expected && expected != (current?.Version ?? 0))
                return Problems.PreconditionFailed(current is null ? null : $"\"{current.Version}\"");
            var args = new { Id = id, Body = stored, UserId = me.Id, Now = clock.GetUtcNow(), Version = current?.Version ?? 0 };
            if (await c.ExecuteAsync(current is null ? InsertSql : UpdateSql, args, tx) == 0) return Problems.PreconditionFailed();
            return Answer(id, OrderMapping.Of(body), (current?.Version ?? 0) + 1);
        });
    }
}
