using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Dispatch;

/// <summary>
/// For stores that opt in: a new order goes to its best-ranked technician in the creating transaction, with an event
/// that says who was chosen and why. No eligible technician leaves the order New for a person to dispatch.
/// </summary>
public static class AutoDispatch
{
    public static async Task TryAsync(DbConnection c, DbTransaction tx, WorkOrder order, CurrentUser me, DateTimeOffset now, ITravelTimesProvider travel,
        string language)
    {
        if (await Roster.StoreAsync(c, tx, order.StoreId) is not { AutoDispatch: true }) return;
        if (!StatusMachine.TryMove(order.Status, WorkOrderAction.Assign, out _)) return;
        var facts = await c.QuerySingleAsync<Candidates.OrderFacts>(Candidates.OrderSql, new { order.Id }, tx);
        var best = (await Candidates.RankAsync(c, tx, facts, now, travel)).Candidates.FirstOrDefault(x => x.Kind == CandidateKind.Technician);
        if (best is null) return;
        await order.AssignAsync(c, tx, best.Id, me, now, "AutoAssigned",
            Texts.Codes.Event.AutoDispatch.With(best.Name, best.Score.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), best.ReasonCodes));
        if (order.AppointmentFrom is { } start && order.AppointmentTo is { } end)
            await Notifications.Outbox.ToCustomerAsync(c, tx, order, Notifications.MessageTemplate.AppointmentConfirmed,
                new() { ["window"] = await AssignWorkOrder.WindowTextAsync(c, tx, order.StoreId, start, end) }, language, now);
    }
}
