using System.Data.Common;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Stock;

/// <summary>Parts used on a job leave the technician's van first and then his store, as IssueToJob movements.</summary>
public static class StockIssue
{
    /// <param name="Field">The request field a refusal names (`parts[0].qty`).</param>
    public sealed record Need(Guid PartId, string PartName, int Qty, long UnitCostFen, string Field);

    /// <summary>Takes the part, or throws a 409 naming it and what van and store hold (the unit of work then writes nothing).</summary>
    public static async Task TakeAsync(DbConnection c, DbTransaction tx, Need need, Guid? vanId, Guid storeId, Guid workOrderId,
        Guid actorUserId, DateTimeOffset now)
    {
        Movement Issue(Guid location, int qty) =>
            new(location, need.PartId, MovementKind.IssueToJob, -qty, actorUserId, now, need.UnitCostFen, WorkOrderId: workOrderId);

        var inVan = vanId is { } van ? await StockLedger.OnHandAsync(c, tx, van, need.PartId) : 0;
        var fromVan = (int)Math.Min(inVan, need.Qty);
        // A concurrent issue took from the van after it was read (SQL Server): run the whole unit of work again.
        if (fromVan > 0 && !await StockLedger.TryMoveAsync(c, tx, Issue(vanId!.Value, fromVan)))
            throw new ConcurrencyConflictException("stock_balances", vanId.Value);
        var fromStore = need.Qty - fromVan;
        if (fromStore == 0 || await StockLedger.TryMoveAsync(c, tx, Issue(storeId, fromStore))) return;
        var inStore = await StockLedger.OnHandAsync(c, tx, storeId, need.PartId);
        var inStock = inVan + inStore;
        throw new RefusedException(Problems.Conflict("insufficient-stock",
            Codes.Refusal.InsufficientStock.With(inStock, need.PartName, need.Qty, need.Field),
            new Dictionary<string, object?>
            {
                ["field"] = need.Field, ["partId"] = need.PartId, ["inStock"] = inStock, ["inVan"] = inVan, ["inStore"] = inStore,
            }));
    }
}
