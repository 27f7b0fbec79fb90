using System.Data.Common;
using System.Text.Json;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Manufacturers;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Statements;

/// <summary>GET/PUT /manufacturers/{id}/statement-mapping, versioned (<see cref="ManufacturerMappings"/>).</summary>
public static class MappingEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>The manufacturer's mapping, or null when it has none.</summary>
    public static async Task<(StatementMapping Mapping, long Version)?> LoadAsync(DbConnection c, DbTransaction? tx, Guid manufacturerId) =>
        await ManufacturerMappings.LoadAsync(c, tx, ManufacturerMappings.Statements, manufacturerId) is { } row ? (Parse(row), row.Version) : null;

    private static StatementMapping Parse(ManufacturerMappings.Stored row) => ToMapping(JsonSerializer.Deserialize<StatementMappingBody>(row.Body, Json)!);

    private static StatementMapping ToMapping(StatementMappingBody body) => new(body.Sheet, body.HeaderRow, body.Columns!,
        body.RejectedWords is { Count: > 0 } words ? words : StatementMapping.DefaultRejectedWords, body.Reasons ?? []);

    private static IResult Answer(Guid id, StatementMapping m, long version) => new WithETag($"\"{version}\"",
        TypedResults.Ok(new StatementMappingResponse(id, m.Sheet, m.HeaderRow, m.Columns, m.RejectedWords, m.Reasons, version)));

    public static Task<IResult> Get(Guid id, Db db) =>
        ManufacturerMappings.GetAsync(db, ManufacturerMappings.Statements, id, Codes.Statement.NoMapping, row => Answer(id, Parse(row), row.Version));

    public static async Task<IResult> Put(Guid id, StatementMappingBody body, HttpContext http, Db db, TimeProvider clock)
    {
        if (Refusal(body) is { } refusal) return refusal;
        var trimmed = body with { Columns = Trimmed(body.Columns!) };
        return await ManufacturerMappings.PutAsync(db, http, clock, ManufacturerMappings.Statements, id, JsonSerializer.Serialize(trimmed, Json),
            version => Answer(id, ToMapping(trimmed), version));
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
