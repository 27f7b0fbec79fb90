using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Stock;

public enum LocationKind { Store, Warehouse, Van }

/// <summary>
/// A place that holds parts: a store or warehouse (its id is the store's) or a technician's van (its id is the
/// technician's). It belongs to a store — a van to its technician's store — and scope follows that store.
/// </summary>
public sealed record StockLocation(Guid Id, LocationKind Kind, Guid StoreId)
{
    /// <summary>Resolves a location's kind and store in SQL where a balance row names only its id (`b.location_id`).</summary>
    public const string KindExpression = "CASE WHEN t.id IS NOT NULL THEN 'Van' WHEN s.kind = 'Warehouse' THEN 'Warehouse' ELSE 'Store' END";
    public const string StoreExpression = "COALESCE(t.store_id, b.location_id)";

    private const string ByIdSql = """
        SELECT id, 'Van' AS kind, store_id FROM technicians WHERE id = @Id
        UNION ALL
        SELECT id, kind, id AS store_id FROM stores WHERE id = @Id
        """;

    public bool IsVan => Kind == LocationKind.Van;

    /// <summary>A store-bound user sees his store and its vans; a technician acts only for his own van.</summary>
    public bool IsSeenBy(CurrentUser me) => me.SeesStore(StoreId);

    public bool IsOwnVanOf(CurrentUser me) => IsVan && me.TechnicianId == Id;

    public static async Task<StockLocation?> FindAsync(DbConnection c, DbTransaction? tx, Guid id)
    {
        var row = await c.QueryFirstOrDefaultAsync<Row>(ByIdSql, new { Id = id }, tx);
        return row is null ? null : new StockLocation(row.Id, Enum.Parse<LocationKind>(row.Kind), row.StoreId);
    }

    /// <summary>The location if the caller may see it; another store's location is answered like a missing one.</summary>
    public static async Task<StockLocation?> VisibleAsync(DbConnection c, DbTransaction? tx, Guid id, CurrentUser me) =>
        await FindAsync(c, tx, id) is { } found && found.IsSeenBy(me) ? found : null;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public Guid StoreId { get; init; }
    }
}
