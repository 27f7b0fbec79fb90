using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Claims;

/// <summary>
/// A claim a settlement run takes is written to claim_runs (its order, the run) in the run's transaction, in key order:
/// a chain's month takes about 400,000 claims, and rewriting each claim row there (state, run, version, two index
/// entries) cost more than the run's lines (docs/benchmarks.md, "Chain scale"). A claim with a claim_runs row IS
/// Claimed by that run: every read of a claim's state and run goes through <see cref="State"/> and <see cref="RunId"/>.
/// The `claim-runs` job then folds the rows into the claims (state Claimed, run_id) a few thousand at a time in short
/// transactions, so the Ready indexes stay small; folding twice or on two nodes changes nothing more.
/// </summary>
public sealed class ClaimRuns(Db db, TimeProvider clock, ILogger<ClaimRuns> logger)
{
    /// <summary>The claim's state as the API and the rules see it: `c` the claim, `cr` its claim_runs row (LEFT JOIN <see cref="Join"/>).</summary>
    public const string State = "CASE WHEN cr.run_id IS NULL THEN c.state ELSE 'Claimed' END";
    public const string RunId = "COALESCE(cr.run_id, c.run_id)";
    public const string Join = "LEFT JOIN claim_runs cr ON cr.work_order_id = c.work_order_id";
    public const int FoldBatch = 5000;

    private static readonly DialectSql BatchSql = Paging.FirstRows("SELECT work_order_id FROM claim_runs ORDER BY work_order_id");
    private const string FoldSql = """
        UPDATE work_order_claims SET state = 'Claimed', updated_at = @Now, version = version + 1,
            run_id = (SELECT cr.run_id FROM claim_runs cr WHERE cr.work_order_id = work_order_claims.work_order_id)
        WHERE work_order_id IN @Ids AND EXISTS (SELECT 1 FROM claim_runs cr WHERE cr.work_order_id = work_order_claims.work_order_id)
        """;
    private const string ForgetSql = "DELETE FROM claim_runs WHERE work_order_id IN @Ids";

    /// <summary>Folds every claim_runs row into its claim, <see cref="FoldBatch"/> a transaction; returns how many.</summary>
    public async Task<int> FoldAsync()
    {
        var total = 0;
        while (true)
        {
            var done = await db.InTransactionAsync(async (c, tx) =>
            {
                var ids = (await c.QueryAsync<Guid>(db.Sql(BatchSql), new { Take = FoldBatch }, tx)).ToList();
                await FoldAsync(c, tx, ids, clock.GetUtcNow());
                return ids.Count;
            });
            total += done;
            if (done < FoldBatch) break;
        }
        if (total > 0) logger.LogInformation("Claims taken by runs: {Claims} folded into their claims", total);
        return total;
    }

    /// <summary>Folds these claims' rows (any without one are left alone) in the caller's transaction.</summary>
    public static async Task FoldAsync(DbConnection c, DbTransaction tx, IReadOnlyList<Guid> ids, DateTimeOffset now)
    {
        foreach (var chunk in ids.Chunk(1000))
        {
            var args = new { Ids = Db.IdList(c, chunk), Now = now };
            await c.ExecuteAsync(FoldSql, args, tx);
            await c.ExecuteAsync(ForgetSql, args, tx);
        }
    }
}
