using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Contracts;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

public sealed record AssignRequest(Guid? TechnicianId, Guid? InstallerPartnerId, [property: StringLength(1000)] string? Reason);

/// <summary>
/// Gives a New (or reassigns an Assigned) order to a technician with the category skill in the order's store,
/// or an Installation order to an active installer partner covering the category.
/// </summary>
public static class AssignWorkOrder
{
    private sealed class Candidate
    {
        public Guid StoreId { get; init; }
        public bool Active { get; init; }
        public long HasSkill { get; init; }
    }

    private const string CategorySql = "SELECT category FROM appliances WHERE id = @ApplianceId";
    private const string CertifiedSql = """
        SELECT COUNT(*) FROM technician_certifications tc JOIN appliances a ON a.manufacturer_id = tc.manufacturer_id
        WHERE tc.technician_id = @TechnicianId AND a.id = @ApplianceId
        """;
    private const string TechnicianSql = """
        SELECT t.store_id, t.active,
               (SELECT COUNT(*) FROM technician_skills s WHERE s.technician_id = t.id AND s.category = @Category) AS has_skill
        FROM technicians t WHERE t.id = @Id
        """;
    private const string PartnerSql = """
        SELECT p.active,
               (SELECT COUNT(*) FROM installer_partner_categories pc WHERE pc.installer_partner_id = p.id AND pc.category = @Category) AS has_skill
        FROM installer_partners p WHERE p.id = @Id
        """;

    public static Task<IResult> Handle(Guid id, AssignRequest request, HttpContext http, Db db, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<Notifications.NotificationOptions> notifications)
    {
        if ((request.TechnicianId is null) == (request.InstallerPartnerId is null))
            return Task.FromResult<IResult>(Problems.Validation("technicianId", Codes.Refusal.TechnicianOrPartner));
        return Transition.RunAsync(http, db, clock, id, WorkOrderAction.Assign, request.Reason, async (order, c, tx) =>
        {
            var category = await c.ExecuteScalarAsync<string>(CategorySql, new { order.ApplianceId }, tx) ?? "";
            if (request.TechnicianId is { } techId)
            {
                if (techId == order.TechnicianId) return Problems.Conflict("already-assigned", Codes.Refusal.AlreadyAssigned);
                var tech = await c.QuerySingleOrDefaultAsync<Candidate>(TechnicianSql, new { Id = techId, Category = category }, tx);
                if (tech is null || await WorksForAsync(c, tx, techId, tech.StoreId, order, clock.GetUtcNow()) != order.StoreId) return Problems.Validation("technicianId", Codes.Refusal.NoSuchTechnicianInStore);
                if (!tech.Active) return NotQualified(Codes.Refusal.TechnicianInactive);
                if (tech.HasSkill == 0) return NotQualified(Codes.Refusal.TechnicianLacksSkill.With(Codes.Word(Enum.Parse<Customers.ApplianceCategory>(category))));
                if (await NeedsCertificationAsync(order, category, c, tx)
                    && await c.ExecuteScalarAsync<long>(CertifiedSql, new { TechnicianId = techId, order.ApplianceId }, tx) == 0)
                    return NotQualified(Codes.Refusal.CertificationRequired);
                (order.TechnicianId, order.InstallerPartnerId) = (techId, null);
                if (order.AppointmentFrom is { } from && order.AppointmentTo is { } to)
                    await Notifications.Outbox.ToCustomerAsync(c, tx, order, Notifications.MessageTemplate.AppointmentConfirmed,
                        new() { ["window"] = await WindowTextAsync(c, tx, order.StoreId, from, to) }, notifications.Value.Language, clock.GetUtcNow());
                return null;
            }
            var partnerId = request.InstallerPartnerId!.Value;
            if (order.Type != WorkOrderType.Installation) return NotQualified(Codes.Refusal.OnlyInstallationsToPartner);
            var partner = await c.QuerySingleOrDefaultAsync<Candidate>(PartnerSql, new { Id = partnerId, Category = category }, tx);
            if (partner is null) return Problems.Validation("installerPartnerId", Codes.Refusal.NoSuchPartner);
            if (!partner.Active) return NotQualified(Codes.Refusal.PartnerInactive);
            if (partner.HasSkill == 0) return NotQualified(Codes.Refusal.PartnerLacksCategory.With(Codes.Word(Enum.Parse<Customers.ApplianceCategory>(category))));
            (order.TechnicianId, order.InstallerPartnerId) = (null, partnerId);
            return null;
        }, eventKind: null);
    }

    /// <summary>The appointment window in the store's time, e.g. "2026-11-23 14:00–16:00".</summary>
    internal static async Task<string> WindowTextAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, Guid storeId,
        DateTimeOffset from, DateTimeOffset to)
    {
        var zone = await Stores.StoreClock.OfStoreAsync(c, tx, storeId);
        var (f, t) = (zone.LocalTime(from), zone.LocalTime(to));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{f:yyyy-MM-dd HH:mm}–{t:HH:mm}");
    }

    /// <summary>A manufacturer-paid repair under a contract that demands certification needs a certified technician.</summary>
    private static async Task<bool> NeedsCertificationAsync(WorkOrder order, string category, System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx) =>
        order.Payer == Payer.Manufacturer && order.ContractId is { } contractId
        && await ContractLookup.ByIdAsync(c, tx, contractId, category) is { CertificationRequired: true };

    private static IResult NotQualified(Text detail) =>
        Problems.Make(StatusCodes.Status422UnprocessableEntity, "not-qualified", detail);

    /// <summary>The store the technician works for on the order's day (its appointment, else today): a lent technician serves the borrower.</summary>
    private static async Task<Guid> WorksForAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, Guid technicianId, Guid homeStoreId, WorkOrder order, DateTimeOffset now)
    {
        var zone = await Stores.StoreClock.OfStoreAsync(c, tx, order.StoreId);
        var day = zone.DayOf(order.AppointmentFrom ?? now);
        return await Technicians.TechnicianLoans.StoreOnAsync(c, tx, technicianId, homeStoreId, day);
    }
}
