using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Public;

public sealed record PublicReportRequest(
    [property: Required, RegularExpression("^[0-9]{6}$")] string Code,
    [property: Required, StringLength(2000, MinimumLength = 1)] string FaultDescription,
    AppointmentWindow? Preferred);

/// <param name="Number">The new ticket's number, or the open order's when there is one (<paramref name="AlreadyOpen"/>).</param>
public sealed record PublicReportResponse(string Number, bool AlreadyOpen);

/// <summary>
/// A fault reported by the sticker: with the right code, a new ticket waits in the desk's queue (status New, not
/// dispatched) with the appliance and customer filled in. The duplicate-intake rule holds: when the appliance already
/// has an open order, that order's number is the answer and nothing is created. A wrong code counts; the fifth in a row
/// locks the link for a while (<see cref="PublicOptions.LockMinutes"/>) and drops the code.
/// </summary>
public static class ApplianceReport
{
    private const string WrongCodeSql = """
        UPDATE public_links SET failed_codes = CASE WHEN failed_codes + 1 >= @Max THEN 0 ELSE failed_codes + 1 END,
               locked_until = CASE WHEN failed_codes + 1 >= @Max THEN @LockedUntil ELSE locked_until END,
               code_hash = CASE WHEN failed_codes + 1 >= @Max THEN NULL ELSE code_hash END
        WHERE id = @Id
        """;
    private const string UseCodeSql = "UPDATE public_links SET code_hash = NULL, code_expires_at = NULL, failed_codes = 0 WHERE id = @Id AND code_hash = @CodeHash";

    public static async Task<IResult> Handle(string token, PublicReportRequest request, Db db, TimeProvider clock, IOptions<PublicOptions> options)
    {
        if (request.Preferred is { From: { } from, To: { } to } && from >= to)
            return Problems.Validation("preferred.to", Codes.Refusal.AppointmentToAfterFrom);
        var now = clock.GetUtcNow();
        var limits = options.Value;
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var link = await PublicLinks.FindAsync(c, tx, token, LinkKind.Appliance, now);
            if (link is null) return Problems.NotFound(Codes.Public.Link);
            if (link.LockedUntil > now) return ApplianceVerify.Locked(link.LockedUntil.Value, now);
            var hash = PublicLinks.CodeHash(link.Id, request.Code);
            if (link.CodeHash != hash || link.CodeExpiresAt <= now)
            {
                await c.ExecuteAsync(WrongCodeSql, new { link.Id, Max = limits.MaxWrongCodes, LockedUntil = now.AddMinutes(limits.LockMinutes) }, tx);
                // The wrong try is kept (it counts towards the lock): the one refusal here that commits.
                return new CommitAndRefuse(Problems.Validation("code", Codes.Public.WrongCode));
            }
            await c.ExecuteAsync(UseCodeSql, new { link.Id, CodeHash = hash }, tx);
            if (await c.QueryFirstOrDefaultAsync<CreateWorkOrder.OpenOrder>(CreateWorkOrder.OpenOrderSql, new { link.ApplianceId }, tx) is { } open)
                return TypedResults.Ok(new PublicReportResponse(open.Number, AlreadyOpen: true));
            var facts = await c.QuerySingleAsync<CreateWorkOrder.IntakeFacts>(CreateWorkOrder.FactsSql, new { link.ApplianceId }, tx);
            var actor = link.Actor;
            var order = await CreateWorkOrder.NewOrderAsync(db, c, tx, facts, WorkOrderType.Repair, request.FaultDescription.Trim(), Priority.Normal, actor, now);
            order.Source = WorkOrderSource.Phone;
            (order.AppointmentFrom, order.AppointmentTo) = (request.Preferred?.From?.ToUniversalTime(), request.Preferred?.To?.ToUniversalTime());
            await CreateWorkOrder.InsertAsync(c, tx, order, actor, now, Codes.Public.ReportedBySticker);
            StationMetrics.WorkOrdersCreated.Add(1, new KeyValuePair<string, object?>("store.id", order.StoreId));
            return TypedResults.Created((string?)null, new PublicReportResponse(order.Number, AlreadyOpen: false));
        });
    }
}
