using System.Data.Common;
using System.Text.Json;
using Dapper;
using RepairDispatch.Api.Callbacks;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.OldParts;
using RepairDispatch.Api.Photos;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Claims;

/// <summary>
/// Opens an order's claim at completion and recomputes its state after anything that can change it (completion, photo,
/// callback, old part, the day's expiry sweep, a release), in the caller's transaction. Orders without a claim row
/// (not manufacturer-paid, not completed) are left alone, so callers need not know whether there is one.
/// </summary>
public static class ClaimReadiness
{
    private static readonly JsonSerializerOptions StoreJson = new(JsonSerializerDefaults.Web);

    private const string SubmitDaysSql = "SELECT claim_submit_within_days FROM service_contracts WHERE id = @ContractId";
    private const string OpenSql = """
        INSERT INTO work_order_claims (work_order_id, store_id, manufacturer_id, state, blocker_codes, claim_by, completed_period, version, created_at, updated_at)
        SELECT @Id, @StoreId, a.manufacturer_id, 'NotReady', '[]', @ClaimBy, @CompletedPeriod, 1, @Now, @Now FROM appliances a WHERE a.id = @ApplianceId
        """;
    private const string ClaimSql = $"""
        SELECT c.store_id, {ClaimRuns.State} AS state, c.blocker_codes, c.claim_by, c.ready_at, {ClaimRuns.RunId} AS run_id, c.released_at, c.version,
            wo.type, wo.contract_id
        FROM work_order_claims c JOIN work_orders wo ON wo.id = c.work_order_id {ClaimRuns.Join} WHERE c.work_order_id = @Id
        """;
    private const string RulesSql = "SELECT claim_callback_required, claim_old_part_required FROM service_contracts WHERE id = @ContractId";
    private const string EvidenceSql = "SELECT kind FROM contract_claim_evidence WHERE contract_id = @ContractId AND order_type = @Type";
    private const string CallbacksSql = "SELECT status, due_on FROM callbacks WHERE work_order_id = @Id";
    private const string PhotosSql = "SELECT DISTINCT kind FROM work_order_photos WHERE work_order_id = @Id";
    private const string OldPartsSql = "SELECT tag, status, return_required FROM old_parts WHERE work_order_id = @Id";
    private const string UpdateSql = """
        UPDATE work_order_claims SET state = @State, blocker_codes = @Blockers, ready_at = @ReadyAt, updated_at = @Now, version = version + 1
        WHERE work_order_id = @Id AND version = @Version
        """;

    /// <summary>
    /// At completion: a manufacturer-paid order whose completion charged the manufacturer (a contract covers it) gets
    /// its claim, due <c>submitWithinDays</c> after the store-local completion day.
    /// </summary>
    public static async Task OpenAsync(DbConnection c, DbTransaction tx, WorkOrder order, DateOnly completedOn, DateTimeOffset now)
    {
        if (order.Payer != Payer.Manufacturer || !order.Claimable || order.ContractId is not { } contractId) return;
        var days = await c.ExecuteScalarAsync<long?>(SubmitDaysSql, new { ContractId = contractId }, tx);
        await c.ExecuteAsync(OpenSql, new
        {
            order.Id, order.StoreId, order.ApplianceId, ClaimBy = days is { } d ? completedOn.AddDays((int)d) : (DateOnly?)null, order.CompletedPeriod, Now = now,
        }, tx);
        await RefreshAsync(c, tx, order.Id, now);
    }

    public static async Task RefreshAsync(DbConnection c, DbTransaction tx, Guid workOrderId, DateTimeOffset now)
    {
        var claim = await c.QuerySingleOrDefaultAsync<ReadinessRow>(ClaimSql, new { Id = workOrderId }, tx);
        if (claim is null || claim.State == ClaimState.Claimed) return;
        var ids = new { Id = workOrderId, claim.ContractId, Type = claim.Type.ToString() };
        var rules = await c.QuerySingleOrDefaultAsync<RulesRow>(RulesSql, ids, tx);
        var evidence = (await c.QueryAsync<string>(EvidenceSql, ids, tx)).Select(Enum.Parse<PhotoKind>).ToHashSet();
        var facts = new ClaimFacts(
            rules is null ? ClaimRuleSet.None : new ClaimRuleSet(rules.ClaimCallbackRequired, evidence, rules.ClaimOldPartRequired),
            [.. (await c.QueryAsync<CallbackRow>(CallbacksSql, ids, tx)).Select(r => new CallbackFact(r.Status, r.DueOn))],
            (await c.QueryAsync<string>(PhotosSql, ids, tx)).Select(Enum.Parse<PhotoKind>).ToHashSet(),
            [.. (await c.QueryAsync<OldPartRow>(OldPartsSql, ids, tx)).Select(r => new OldPartFact(r.Tag, r.Status, r.ReturnRequired))],
            claim.ClaimBy, (await StoreClock.OfStoreAsync(c, tx, claim.StoreId)).DayOf(now), claim.ReleasedAt is not null, InRun: false);
        var decision = ClaimRules.Decide(facts);
        var blockers = Store(decision.Blockers);
        var readyAt = decision.State switch { ClaimState.Ready => claim.ReadyAt ?? now, ClaimState.NotReady => null, _ => claim.ReadyAt };
        if (decision.State == claim.State && blockers == claim.BlockerCodes && readyAt == claim.ReadyAt) return;
        await WriteRaces.BeforeVersionedWriteAsync(c, tx, "work_order_claims", workOrderId);
        if (await c.ExecuteAsync(UpdateSql, new
            {
                Id = workOrderId, State = decision.State.ToString(), Blockers = blockers, ReadyAt = readyAt, Now = now, claim.Version,
            }, tx) != 1)
            throw new ConcurrencyConflictException("work_order_claims", workOrderId);
    }

    private const string ClaimedSql = $"SELECT COUNT(*) FROM work_order_claims c {ClaimRuns.Join} WHERE c.work_order_id = @Id AND {ClaimRuns.State} = 'Claimed'";

    /// <summary>A claimed order's evidence is what the manufacturer was sent: its photos no longer change (409).</summary>
    public static async Task<IResult?> PhotosLockedAsync(DbConnection c, DbTransaction? tx, Guid workOrderId) =>
        await c.ExecuteScalarAsync<long>(ClaimedSql, new { Id = workOrderId }, tx) > 0
            ? Problems.Conflict("claim-claimed", Codes.ClaimRefusal.PhotosLocked) : null;

    /// <summary>Blockers as stored: a JSON list of {code, args}.</summary>
    public static string Store(IReadOnlyList<Text> blockers) => JsonSerializer.Serialize(blockers, StoreJson);

    public static IReadOnlyList<Text> Read(string stored) =>
        [.. JsonSerializer.Deserialize<JsonElement[]>(stored, StoreJson)!.Select(e => Text.Stored(e.GetProperty("code").GetString()!,
            e.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object ? args.GetRawText() : null))];

    private sealed class ReadinessRow
    {
        public Guid StoreId { get; init; }
        public ClaimState State { get; init; }
        public string BlockerCodes { get; init; } = "[]";
        public DateOnly? ClaimBy { get; init; }
        public DateTimeOffset? ReadyAt { get; init; }
        public Guid? RunId { get; init; }
        public DateTimeOffset? ReleasedAt { get; init; }
        public long Version { get; init; }
        public WorkOrderType Type { get; init; }
        public Guid? ContractId { get; init; }
    }

    private sealed class CallbackRow
    {
        public CallbackStatus Status { get; init; }
        public DateOnly DueOn { get; init; }
    }

    private sealed class OldPartRow
    {
        public string Tag { get; init; } = "";
        public OldPartStatus Status { get; init; }
        public bool ReturnRequired { get; init; }
    }

    private sealed class RulesRow
    {
        public bool ClaimCallbackRequired { get; init; }
        public bool ClaimOldPartRequired { get; init; }
    }
}
