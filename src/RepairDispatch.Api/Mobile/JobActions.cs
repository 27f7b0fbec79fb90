using Dapper;
using RepairDispatch.Api.Auth;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Callbacks;
using RepairDispatch.Api.Contracts;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Notifications;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Mobile;

/// <summary>The technician's steps; each is the status machine's move plus what the step records.</summary>
public static class JobActions
{
    public static Task<IResult> Accept(Guid id, JobStepRequest? request, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Accept, null, occurredAt: request?.OccurredAt);

    public static Task<IResult> Decline(Guid id, DeclineJobRequest request, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Decline, request.Reason, occurredAt: request.OccurredAt);

    /// <summary>Leaving for the job tells the customer the technician is on the way.</summary>
    public static Task<IResult> Depart(Guid id, JobStepRequest? request, HttpContext http, Db db, TimeProvider clock,
        IOptions<NotificationOptions> notifications) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Depart, null, async (order, c, tx) =>
        {
            await Outbox.ToCustomerAsync(c, tx, order, MessageTemplate.TechnicianOnTheWay, new(), notifications.Value.Language, clock.GetUtcNow());
            return null;
        }, occurredAt: request?.OccurredAt);

    /// <summary>Arrival also leaves a location ping where the phone was.</summary>
    public static Task<IResult> Arrive(Guid id, ArriveRequest request, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.Arrive, null, async (order, c, tx) =>
        {
            var at = request.OccurredAt?.ToUniversalTime() ?? clock.GetUtcNow();
            await LocationPings.StoreAsync(c, tx, order.TechnicianId!.Value, [new LocationPing(request.Lat, request.Lon, at)]);
            return null;
        }, occurredAt: request.OccurredAt);

    public static Task<IResult> AwaitParts(Guid id, AwaitPartsRequest request, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, WorkOrderAction.AwaitParts, request.Note, async (order, c, tx) =>
        {
            await PartsUsed.RequestAsync(c, tx, order.Id, request.Parts, clock.GetUtcNow());
            return null;
        }, occurredAt: request.OccurredAt);

    /// <summary>Records the resolution, parts and signature, confirms the warranty from the failed part, and prices the job.</summary>
    public static Task<IResult> Complete(Guid id, CompleteJobRequest request, HttpContext http, Db db, TimeProvider clock,
        IOptions<PricingOptions> pricing, IOptions<NotificationOptions> notifications)
    {
        if (Signatures.TryDecode(request.CustomerSignature, out var signature) is { } badSignature) return Task.FromResult(badSignature);
        return Transition.RunAsync(http, db, clock, id, WorkOrderAction.Complete, request.Notes, async (order, c, tx) =>
        {
            if (await CompleteStep(request, http.Me().Id, clock, pricing.Value, notifications.Value)(order, c, tx) is { } refusal) return refusal;
            if (signature is { } image) await Signatures.StoreAsync(c, tx, order.Id, image, clock.GetUtcNow());
            return null;
        }, occurredAt: request.OccurredAt);
    }

    /// <summary>
    /// What completing records, whoever reports it (the technician, or the office for an installer partner): resolution,
    /// parts, warranty, charges, the callbacks it calls for and the customer's "done" message with the callback day.
    /// </summary>
    public static Transition.Step CompleteStep(CompleteJobRequest request, Guid actorUserId, TimeProvider clock, PricingOptions pricing, NotificationOptions notifications) =>
        async (order, c, tx) =>
        {
            if (order.Type == WorkOrderType.Repair && request.RepairLevel is null)
                return Problems.Validation("repairLevel", Codes.Refusal.RepairLevelRequired);
            var now = clock.GetUtcNow();
            (order.RepairLevel, order.FailedPart, order.MainPart) = (request.RepairLevel, request.FailedPart?.Trim(), request.MainPart);
            (order.LabourMinutes, order.ResolutionNotes, order.CustomerRating) = (request.LabourMinutes, request.Notes?.Trim(), request.CustomerRating);
            var parts = request.Parts is { Count: > 0 } used ? await PartsUsed.UseAsync(c, tx, order, used, actorUserId, now) : [];
            var facts = await c.QuerySingleAsync<CreateWorkOrder.IntakeFacts>(CreateWorkOrder.FactsSql, new { order.ApplianceId }, tx);
            var createdDay = facts.Zone.DayOf(order.CreatedAt);
            if (order.WarrantyReasonCode != Texts.Codes.Warranty.Override.Name)
            {
                // The contract version the order was created under still applies, even if a newer one has started.
                var contract = order.ContractId is { } contractId ? await ContractLookup.ByIdAsync(c, tx, contractId, facts.Category) : null;
                order.Apply(WarrantyPolicy.Decide(new WarrantyFacts(facts.PurchaseDate, createdDay,
                    contract?.Warranty ?? WarrantyTerms.Default, request.MainPart, contract is not null, facts.Manufacturer, facts.Category)));
            }
            order.CompletedPeriod = facts.Zone.MonthOf(now);
            await OrderCharges.PriceAndStoreAsync(c, tx, order, facts.Category, parts, pricing.ToPriceList(), createdDay, now);
            var completedOn = facts.Zone.DayOf(now);
            await OldParts.CreateOldParts.AtCompletionAsync(c, tx, order, facts.ManufacturerId, parts, completedOn, now);
            var callbackOn = await ScheduleCallbacks.AfterCompletionAsync(c, tx, order, Enum.Parse<ApplianceCategory>(facts.Category), completedOn, now);
            await Claims.ClaimReadiness.OpenAsync(c, tx, order, completedOn, now);
            await Outbox.ToCustomerAsync(c, tx, order, MessageTemplate.JobDone,
                new() { ["callbackOn"] = callbackOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-" },
                notifications.Language, now);
            return null;
        };
}
