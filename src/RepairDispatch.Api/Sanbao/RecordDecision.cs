using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Sanbao;

public enum SanbaoDecision { Repair = 1, Exchange = 2, Return = 3 }

public sealed record SanbaoDecisionRequest(
    [property: Required] SanbaoDecision? Decision,
    Guid? WorkOrderId,
    [property: StringLength(100)] string? NewSerialNumber,
    [property: Required, StringLength(500, MinimumLength = 1)] string Reason);

/// <param name="Evidence">The entitlement the decision was made under, as it was then.</param>
public sealed record SanbaoDecisionResponse(
    Guid Id, Guid ApplianceId, Guid? WorkOrderId, SanbaoDecision Decision, string Reason, Guid? NewApplianceId,
    EntitlementResponse Evidence, DateTimeOffset DecidedAt);

/// <summary>
/// A manager's 三包 decision. It may choose the remedy the entitlement gives or a lesser one (a customer owed a
/// return may take an exchange or a repair); a stronger one is refused, naming the entitlement: goodwill beyond 三包
/// is not a 三包 decision (it is the till's return or a goodwill order).
/// </summary>
public static class RecordDecision
{
    private const string OrderOfApplianceSql = "SELECT COUNT(*) FROM work_orders WHERE id = @WorkOrderId AND appliance_id = @ApplianceId";
    private const string InsertSql = """
        INSERT INTO sanbao_decisions (id, appliance_id, work_order_id, decision, reason, entitlement, evidence, new_appliance_id, decided_by_user_id, decided_at)
        VALUES (@Id, @ApplianceId, @WorkOrderId, @Decision, @Reason, @Entitlement, @Evidence, @NewApplianceId, @UserId, @Now)
        """;
    private static readonly JsonSerializerOptions EvidenceJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The evidence as stored; its texts render in the reader's language.</summary>
    public static EntitlementResponse ReadEvidence(string json)
    {
        var stored = JsonSerializer.Deserialize<EntitlementResponse>(json, EvidenceJson)!;
        return stored with { Reasons = [.. stored.ReasonCodes.Select(r => Text.Stored(r.Code, r.StoredArgs()).Render())] };
    }

    public static async Task<IResult> Handle(Guid id, SanbaoDecisionRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var decision = request.Decision!.Value;
        if (decision == SanbaoDecision.Exchange && string.IsNullOrWhiteSpace(request.NewSerialNumber))
            return Problems.Validation("newSerialNumber", Codes.Sanbao.NewSerialRequired);
        var me = http.Me();
        var now = clock.GetUtcNow();

        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await ApplianceFacts.FindAsync(c, tx, id) is not { } appliance || !me.SeesStore(appliance.StoreId))
                return Problems.NotFound(Codes.Thing.Appliance);
            if (request.WorkOrderId is { } orderId
                && await c.ExecuteScalarAsync<long>(OrderOfApplianceSql, new { WorkOrderId = orderId, ApplianceId = id }, tx) == 0)
                return Problems.Validation("workOrderId", Codes.Sanbao.OrderNotOfAppliance);

            var read = await ApplianceFacts.ReadAsync(c, tx, appliance, now);
            var evidence = EntitlementResponse.Of(read);
            if ((int)decision > (int)evidence.Entitlement)
                return Problems.Conflict("not-entitled",
                    Codes.Sanbao.NotEntitled.With(Text.Of("sanbao-decision." + decision), Codes.Sanbao.Word(evidence.Entitlement)),
                    new Dictionary<string, object?> { ["entitlement"] = evidence.Entitlement.ToString() });

            Guid? newId = null;
            if (decision == SanbaoDecision.Exchange) newId = await ApplianceExchange.ExchangeAsync(c, tx, id, request.NewSerialNumber!, read.Today, now);
            if (decision == SanbaoDecision.Return) await ApplianceExchange.RetireAsync(c, tx, id, read.Today);
            var response = new SanbaoDecisionResponse(Guid.CreateVersion7(), id, request.WorkOrderId, decision, request.Reason.Trim(), newId, evidence, now);
            await c.ExecuteAsync(InsertSql, new
            {
                response.Id, ApplianceId = id, response.WorkOrderId, Decision = decision.ToString(), response.Reason,
                Entitlement = evidence.Entitlement.ToString(), Evidence = JsonSerializer.Serialize(evidence, EvidenceJson),
                NewApplianceId = newId, UserId = me.Id, Now = now,
            }, tx);
            return TypedResults.Created($"/api/v1/appliances/{id}/sanbao-decisions", response);
        });
    }
}

/// <summary>The 三包 decisions on an appliance, newest first, each with the evidence it was made under.</summary>
public static class ListDecisions
{
    private const string ListSql = """
        SELECT d.id, d.appliance_id, d.work_order_id, d.decision, d.reason, d.new_appliance_id, d.evidence, d.decided_at
        FROM sanbao_decisions d WHERE d.appliance_id = @Id ORDER BY d.decided_at DESC, d.id
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid ApplianceId { get; init; }
        public Guid? WorkOrderId { get; init; }
        public string Decision { get; init; } = "";
        public string Reason { get; init; } = "";
        public Guid? NewApplianceId { get; init; }
        public string Evidence { get; init; } = "";
        public DateTimeOffset DecidedAt { get; init; }
    }

    public static async Task<IResult> Handle(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        if (await ApplianceFacts.FindAsync(c, null, id) is not { } appliance || !http.Me().SeesStore(appliance.StoreId))
            return Problems.NotFound(Codes.Thing.Appliance);
        var rows = await c.QueryAsync<Row>(ListSql, new { Id = id });
        return TypedResults.Ok(new Page<SanbaoDecisionResponse>([.. rows.Select(r => new SanbaoDecisionResponse(r.Id, r.ApplianceId, r.WorkOrderId,
            Enum.Parse<SanbaoDecision>(r.Decision), r.Reason, r.NewApplianceId, RecordDecision.ReadEvidence(r.Evidence), r.DecidedAt))], null));
    }
}
