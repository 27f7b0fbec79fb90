using System.Data.Common;
using System.Text.Json;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Manufacturers;
using RepairDispatch.Api.Statements;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.ManufacturerOrders;

/// <summary>GET/PUT /manufacturers/{id}/order-mapping, versioned like the statement mapping (<see cref="ManufacturerMappings"/>).</summary>
public static class OrderMappingEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The brand's saved profile with its version, or null when it has none.</summary>
    public static async Task<(OrderMapping Mapping, long Version)?> LoadAsync(DbConnection c, DbTransaction? tx, Guid manufacturerId) =>
        await ManufacturerMappings.LoadAsync(c, tx, ManufacturerMappings.Orders, manufacturerId) is { } row
            ? (OrderMapping.Of(JsonSerializer.Deserialize<OrderMappingBody>(row.Body, Json)!), row.Version) : null;

    /// <summary>The brand's profile, the defaults when none is saved.</summary>
    public static async Task<OrderMapping> OfAsync(DbConnection c, DbTransaction? tx, Guid manufacturerId) =>
        (await LoadAsync(c, tx, manufacturerId))?.Mapping ?? OrderMapping.Default;

    private static IResult Answer(Guid id, OrderMapping m, long version) => new WithETag($"\"{version}\"", TypedResults.Ok(
        new OrderMappingResponse(id, m.Sheet, m.HeaderRow, m.Columns!, m.IgnoredColumns, m.CancelReasonCodes, m.StatusWords, version)));

    public static Task<IResult> Get(Guid id, Db db) => ManufacturerMappings.GetAsync(db, ManufacturerMappings.Orders, id, Codes.Brand.NoMapping,
        row => Answer(id, OrderMapping.Of(JsonSerializer.Deserialize<OrderMappingBody>(row.Body, Json)!), row.Version));

    public static async Task<IResult> Put(Guid id, OrderMappingBody body, HttpContext http, Db db, TimeProvider clock)
    {
        var twice = body.Columns!.Named().Select(n => n.Header).Concat(body.IgnoredColumns ?? [])
            .GroupBy(StatementCells.HeaderKey).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) return Problems.Validation("columns", Codes.Brand.MappingHeaderTwice.With(twice.First()));
        return await ManufacturerMappings.PutAsync(db, http, clock, ManufacturerMappings.Orders, id, JsonSerializer.Serialize(body, Json),
            version => Answer(id, OrderMapping.Of(body), version));
    }
}
