using Microsoft.Extensions.Options;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Mobile;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

/// <summary>
/// Installer partners (安装网点) have no app: the office records their steps on installation orders assigned to
/// them, through the same status machine and the same completion (pricing, payout, management fee).
/// </summary>
public static class PartnerSteps
{
    public static Task<IResult> Accept(Guid id, HttpContext http, Db db, TimeProvider clock) => Run(id, WorkOrderAction.Accept, http, db, clock);
    public static Task<IResult> Depart(Guid id, HttpContext http, Db db, TimeProvider clock) => Run(id, WorkOrderAction.Depart, http, db, clock);
    public static Task<IResult> Arrive(Guid id, HttpContext http, Db db, TimeProvider clock) => Run(id, WorkOrderAction.Arrive, http, db, clock);

    public static Task<IResult> Complete(Guid id, CompleteJobRequest request, HttpContext http, Db db, TimeProvider clock, IOptions<PricingOptions> pricing,
        IOptions<Notifications.NotificationOptions> notifications)
    {
        var complete = JobActions.CompleteStep(request, Auth.CurrentUserBinding.Me(http).Id, clock, pricing.Value, notifications.Value);
        return Transition.RunAsync(http, db, clock, id, WorkOrderAction.Complete, request.Notes,
            async (order, c, tx) => NotPartnerOrder(order) ?? await complete(order, c, tx), occurredAt: request.OccurredAt);
    }

    private static Task<IResult> Run(Guid id, WorkOrderAction action, HttpContext http, Db db, TimeProvider clock) =>
        Transition.RunAsync(http, db, clock, id, action, null, (order, _, _) => Task.FromResult(NotPartnerOrder(order)));

    private static IResult? NotPartnerOrder(WorkOrder order) => order.InstallerPartnerId is null
        ? Problems.Conflict("not-partner-order", Codes.Refusal.NotPartnerOrder)
        : null;
}
