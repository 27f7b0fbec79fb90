using System.Data.Common;
using System.Text.Json;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Statements;

/// <summary>
/// GET/PUT /manufacturers/{id}/statement-mapping. The ETag is the mapping's version. Replacing an existing mapping needs
/// If-Match (428 without, 412 when another finance user saved in between), so nobody overwrites a mapping unseen; the
/// first one may be created without it.
/// </summary>
public static class MappingEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private const string ManufacturerSql = "SELECT COUNT(*) FROM manufacturers WHERE id = @Id";
    private const string MappingSql = "SELECT version, body FROM statement_mappings WHERE manufacturer_id = @Id";
    private const string InsertSql = """
        INSERT INTO statement_mappings (manufacturer_id, version, body, updated_by_user_id, updated_at) VALUES (@Id, 1, @Body, @UserId, @Now)
        """;
    private const string UpdateSql = """
        UPDATE statement_mappings SET version = version + 1, body = @Body, updated_by_user_id = @UserId, updated_at = @Now
        WHERE manufacturer_id = @Id AND version = @Version
        """;

    private sealed class Row
    {
        public long Version { get; init; }
        public string Body { get; init; } = "";
    }

    /// <summary>The manufacturer's mapping, or null when it has none.</summary>
    public static async Task<(StatementMapping Mapping, long Version)?> LoadAsync(DbConnection c, DbTransaction? tx, Guid manufacturerId)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(MappingSql, new { Id = manufacturerId }, tx);
        if (row is null) return null;
        var body = JsonSerializer.Deserialize<StatementMappingBody>(row.Body, Json)!;
        return (ToMapping(body), row.Version);
    }

    private static StatementMapping ToMapping(StatementMappingBody body) => new(body.Sheet, body.HeaderRow, body.Columns!,
        body.RejectedWords is { Count: > 0 } words ? words : StatementMapping.DefaultRejectedWords, body.Reasons ?? []);

    private static IResult Answer(Guid id, StatementMapping m, long version) => new WithETag($"\"{version}\"",
        TypedResults.Ok(new StatementMappingResponse(id, m.Sheet, m.HeaderRow, m.Columns, m.RejectedWords, m.Reasons, version)));

    public static async Task<IResult> Get(Guid id, Db db)
    {
        await using var c = await db.OpenAsync();
        if (await c.ExecuteScalarAsync<long>(ManufacturerSql, new { Id = id }) == 0) return Problems.NotFound(Codes.Thing.Manufacturer);
        return await LoadAsync(c, null, id) is { } found ? Answer(id, found.Mapping, found.Version) : Problems.Make(StatusCodes.Status404NotFound, "not-found", Codes.Statement.NoMapping);
    }

    public static async Task<IResult> Put(Guid id, StatementMappingBody body, HttpContext http, Db db, TimeProvider clock)
    {
        if (Refusal(body) is { } refusal) return refusal;
        var ifMatch = ETags.IfMatch(http.Request);
        var me = http.Me();
        var stored = JsonSerializer.Serialize(body with { Columns = Trimmed(body.Columns!) }, Json);
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(ManufacturerSql, new { Id = id }, tx) == 0) return Problems.NotFound(Codes.Thing.Manufacturer);
            var current = await c.QuerySingleOrDefaultAsync<Row>(MappingSql, new { Id = id }, tx);
            if (current is not null && ifMatch is null) return Problems.PreconditionRequired();
            if (ifMatch is { } expected && expected != (current?.Version ?? 0))
                return Problems.PreconditionFailed(current is null ? null : $"\"{current.Version}\"");
            var args = new { Id = id, Body = stored, UserId = me.Id, Now = clock.GetUtcNow(), Version = current?.Version ?? 0 };
            var written = await c.ExecuteAsync(current is null ? InsertSql : UpdateSql, args, tx);
            if (written == 0) return Problems.PreconditionFailed();
            return Answer(id, ToMapping(body with { Columns = Trimmed(body.Columns!) }), (current?.Version ?? 0) + 1);
        });
    }

    private static StatementColumns Trimmed(StatementColumns c) => new(T(c.WorkOrderNumber), T(c.ManufacturerOrderNumber), T(c.SerialNumber),
        T(c.CompletedOn), T(c.ClaimedAmount), T(c.ApprovedAmount), T(c.Deduction), T(c.DeductionReason), T(c.Status));

    private static string? T(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static IResult? Refusal(StatementMappingBody body)
    {
        var columns = Trimmed(body.Columns!);
        if (columns.WorkOrderNumber is null && columns.ManufacturerOrderNumber is null && (columns.SerialNumber is null || columns.CompletedOn is null))
            return Problems.Validation("columns", Codes.Statement.MappingKey);
        var twice = columns.Named().GroupBy(n => StatementCells.HeaderKey(n.Header)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) return Problems.Validation($"columns.{twice.Last().Field}", Codes.Statement.MappingHeaderTwice.With(twice.First().Header));
        for (var i = 0; i < (body.RejectedWords?.Count ?? 0); i++)
            if (string.IsNullOrWhiteSpace(body.RejectedWords![i]) || body.RejectedWords[i].Length > 50)
                return Problems.Validation($"rejectedWords[{i}]", Codes.Statement.FieldTooLong.With(50));
        return null;
    }
}
