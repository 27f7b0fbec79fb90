using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Contracts;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

public sealed record SlaPreview(DateTimeOffset AssignBy, DateTimeOffset OnSiteBy, DateTimeOffset CompleteBy);
public sealed record OpenWorkOrderView(Guid Id, string Number, WorkOrderStatus Status);

/// <param name="OpenWorkOrder">An open order of this appliance: a new one would be refused as duplicate intake unless intended.</param>
/// <param name="Entitlement">三包 today: whether the customer is owed a return or exchange instead of another repair.</param>
public sealed record IntakePreviewResponse(Guid ApplianceId, Priority Priority, WarrantyView Warranty, SlaPreview Sla, OpenWorkOrderView? OpenWorkOrder,
    Sanbao.EntitlementResponse Entitlement);

/// <summary>
/// What a new order of an appliance would get if created now: the same warranty decision and SLA deadlines as
/// <see cref="CreateWorkOrder"/>, and the open order that would make it a duplicate. Reads only; nothing is written.
/// </summary>
public static class IntakePreview
{
    public static async Task<IResult> Handle(Guid id, Priority? priority, HttpContext http, Db db, TimeProvider clock)
    {
        await using var c = await db.OpenAsync();
        var facts = await c.QuerySingleOrDefaultAsync<CreateWorkOrder.IntakeFacts>(CreateWorkOrder.FactsSql, new { ApplianceId = id });
        if (facts is null) return Problems.NotFound(Codes.Thing.Appliance);

        var level = priority ?? Priority.Normal;
        var terms = await CreateWorkOrder.TermsAsync(c, null, facts, level, clock.GetUtcNow());
        var open = await c.QueryFirstOrDefaultAsync<CreateWorkOrder.OpenOrder>(CreateWorkOrder.OpenOrderSql, new { ApplianceId = id });
        var warranty = terms.Warranty;
        var sanbao = await Sanbao.ApplianceFacts.ReadAsync(c, null, (await Sanbao.ApplianceFacts.FindAsync(c, null, id))!, clock.GetUtcNow());
        return TypedResults.Ok(new IntakePreviewResponse(id, level,
            WarrantyView.Of(warranty.InWarranty, warranty.Payer, warranty.Reason, warranty.Coverage, warranty.Claimable),
            new SlaPreview(terms.Sla.AssignBy, terms.Sla.OnSiteBy, terms.Sla.CompleteBy),
            open is null ? null : new OpenWorkOrderView(open.Id, open.Number, Enum.Parse<WorkOrderStatus>(open.Status)),
            Sanbao.EntitlementResponse.Of(sanbao)));
    }
}
