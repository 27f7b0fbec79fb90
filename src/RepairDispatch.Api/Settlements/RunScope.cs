using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Settlements;

/// <summary>
/// Who sees and who settles a run of the chain (docs/settlement.md). A store-bound caller reads only his store's lines
/// and subtotal, and a run with none of them does not exist for him (404). Runs are settled with the manufacturer or
/// partner once for the whole chain, so only headquarters writes them: a store-bound caller who sees part of the run is
/// told so (403, nothing hidden is confirmed); one who sees none of it gets the same 404 as for a run that does not exist.
/// </summary>
public static class RunScope
{
    private const string HasStoreLineSql = "SELECT COUNT(*) FROM settlement_lines WHERE run_id = @Id AND store_id = @StoreId";

    /// <summary>The store a reading is limited to: a store-bound caller's own (asking for another is refused), else the one asked for.</summary>
    public static IResult? ViewedStore(CurrentUser me, Guid? asked, out Guid? store)
    {
        store = me.StoreId ?? asked;
        return me.StoreId is { } own && asked is { } other && other != own ? Problems.Validation("storeId", Codes.Refusal.OwnStoreOnly) : null;
    }

    /// <summary>Null when the caller may write the run (headquarters); else the refusal, which writes nothing.</summary>
    public static async Task<IResult?> RefusedWriteAsync(DbConnection c, DbTransaction tx, Guid runId, CurrentUser me)
    {
        if (me.StoreId is not { } own) return null;
        return await c.ExecuteScalarAsync<long>(HasStoreLineSql, new { Id = runId, StoreId = own }, tx) > 0
            ? Problems.Forbidden(Codes.ChainSettlement.HeadquartersOnly)
            : Problems.NotFound(Codes.Thing.SettlementRun);
    }
}
