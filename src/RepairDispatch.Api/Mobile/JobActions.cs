using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Contracts;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Mobile;

public sealed record AwaitPartsRequest([property: StringLength(1000)] string? Note);

public sealed record CompleteJobRequest(
    RepairLevel? RepairLevel,
    [property: StringLength(200)] string? FailedPart,
    [property: Required] bool? MainPart,
    [property: Required, Range(0, 1440)] int? LabourMinutes,
    [property: StringLength(2000)] string? Notes,
    [property: Range(1, 5)] int? CustomerRating);

/// <summary>The technician's steps; each is the status machine's move plus what the step records.</summary>
public static class JobActions
{
    public static Task<IResult> Accept(Guid id, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Accept, null);

    public static Task<IResult> Decline(Guid id, ReasonRequest request, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Decline, request.Reason);

    public static Task<IResult> Depart(Guid id, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Depart, null);

    public static Task<IResult> Arrive(Guid id, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Arrive, null);

    public static Task<IResult> AwaitParts(Guid id, AwaitPartsRequest? request, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.AwaitParts, request?.Note);

    /// <summary>Records the resolution and confirms the warranty from the failed part (main part or not).</summary>
    public static Task<IResult> Complete(Guid id, CompleteJobRequest request, HttpContext http, Db db, TimeProvider clock,
        IOptions<PricingOptions> pricing) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Complete, request.Notes, CompleteStep(request, clock, pricing.Value));

    /// <summary>What completing records, whoever reports it (the technician, or the office for an installer partner).</summary>
    public static Transition.Step CompleteStep(CompleteJobRequest request, TimeProvider clock, PricingOptions pricing) =>
        async (order, c, tx) =>
        {
            if (order.Type == WorkOrderType.Repair && request.RepairLevel is null)
                return Problems.Validation("repairLevel", "Required to complete a repair.");
            (order.RepairLevel, order.FailedPart, order.MainPart) = (request.RepairLevel, request.FailedPart?.Trim(), request.MainPart);
            (order.LabourMinutes, order.ResolutionNotes, order.CustomerRating) = (request.LabourMinutes, request.Notes?.Trim(), request.CustomerRating);
            var facts = await c.QuerySingleAsync<CreateWorkOrder.IntakeFacts>(CreateWorkOrder.FactsSql, new { order.ApplianceId }, tx);
            var createdDay = WorkOrderNumbers.LocalDay(order.CreatedAt, facts.TimeZone);
            if (!order.WarrantyReason.StartsWith(WarrantyPolicy.OverridePrefix, StringComparison.Ordinal))
            {
                // The contract version the order was created under still applies, even if a newer one has started.
                var contract = order.ContractId is { } contractId ? await ContractLookup.ByIdAsync(c, tx, contractId, facts.Category) : null;
                order.Apply(WarrantyPolicy.Decide(new WarrantyFacts(facts.PurchaseDate, createdDay,
                    contract?.Warranty ?? WarrantyTerms.Default, request.MainPart, contract is not null, facts.Manufacturer, facts.Category)));
            }
            order.CompletedPeriod = WorkOrderNumbers.LocalDay(clock.GetUtcNow(), facts.TimeZone).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            await OrderCharges.PriceAndStoreAsync(c, tx, order, facts.Category, pricing.ToPriceList(), createdDay, clock.GetUtcNow());
            return null;
        };
}
