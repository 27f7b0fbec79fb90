using System.Data.Common;
using System.Globalization;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Kpis;

/// <param name="Complete">Every committed change is in these figures. False while the kpi-facts job still works off a
/// backlog (a station's history after an upgrade, or writes made since this answer's drain): the figures count what is done.</param>
public sealed record KpiReportView(DateOnly From, DateOnly To, string GroupBy, List<KpiGroupView> Groups, bool Complete);

/// <summary>
/// `GET /reports/kpis` (managers, finance, admins: their scope) and `GET /mobile/kpis` (a technician: his own figures
/// only). Store-local days from..to, both included, after recomputing the orders marked since the last drain (so an answer
/// includes every committed change): a store's or the chain's figures by time or store from the store-day tallies,
/// anything narrowed to a technician, manufacturer or category, or grouped by technician or category, from the fact rows.
/// </summary>
public static class KpiReport
{
    public const int MaxDays = 731;

    private const string Filters = """
        AND (@TechnicianId IS NULL OR technician_id = @TechnicianId) AND (@ManufacturerId IS NULL OR manufacturer_id = @ManufacturerId)
        AND (@Category IS NULL OR category = @Category)
        """;
    // One text per index: a store's rows by (store_id, day), a technician's by (technician_id, day), the chain's by day.
    private const string CreatedOfStoreSql = $"{KpiFactRows.CreatedColumns} WHERE store_id = @StoreId AND created_day >= @From AND created_day <= @To {Filters}";
    private const string CreatedOfTechnicianSql = $"{KpiFactRows.CreatedColumns} WHERE technician_id = @TechnicianId AND created_day >= @From AND created_day <= @To AND (@StoreId IS NULL OR store_id = @StoreId) {Filters}";
    private const string CreatedOfChainSql = $"{KpiFactRows.CreatedColumns} WHERE created_day >= @From AND created_day <= @To {Filters}";
    private const string CompletedOfStoreSql = $"{KpiFactRows.CompletedColumns} WHERE store_id = @StoreId AND completed_day >= @From AND completed_day <= @To {Filters}";
    private const string CompletedOfTechnicianSql = $"{KpiFactRows.CompletedColumns} WHERE technician_id = @TechnicianId AND completed_day >= @From AND completed_day <= @To AND (@StoreId IS NULL OR store_id = @StoreId) {Filters}";
    private const string CompletedOfChainSql = $"{KpiFactRows.CompletedColumns} WHERE completed_day >= @From AND completed_day <= @To {Filters}";

    public static Task<IResult> Managers(HttpContext http, Db db, KpiRefresh refresh, StoreClock clock, DateOnly? from, DateOnly? to,
        Guid? storeId, Guid? technicianId, Guid? manufacturerId, string? category, string? groupBy)
    {
        var me = http.Me();
        if (me.StoreId is { } own)
        {
            if (storeId is not null && storeId != own) return Task.FromResult<IResult>(Problems.Validation("storeId", Codes.Refusal.OwnStoreOnly));
            storeId = own;
        }
        return AnswerAsync(db, refresh, clock, new Query(from, to, storeId, technicianId, manufacturerId, category, groupBy));
    }

    /// <summary>The technician's own figures: his id is the filter, whatever store the jobs were for (a lent technician's too).</summary>
    public static Task<IResult> Technician(HttpContext http, Db db, KpiRefresh refresh, StoreClock clock, DateOnly? from, DateOnly? to, string? groupBy)
    {
        if (groupBy is not null && !Enum.TryParse<KpiGrouping>(groupBy, true, out var g) | g is not (KpiGrouping.Day or KpiGrouping.Week or KpiGrouping.Month))
            return Task.FromResult<IResult>(Problems.Validation("groupBy", Codes.Kpis.GroupByUnknown));
        return AnswerAsync(db, refresh, clock, new Query(from, to, null, http.Me().TechnicianId, null, null, groupBy));
    }

    private sealed record Query(DateOnly? From, DateOnly? To, Guid? StoreId, Guid? TechnicianId, Guid? ManufacturerId, string? Category, string? GroupBy);

    private static async Task<IResult> AnswerAsync(Db db, KpiRefresh refresh, StoreClock clock, Query q)
    {
        if (q.From is not { } from) return Problems.Validation("from", Codes.Refusal.FromRequired);
        if (q.To is not { } to || to < from) return Problems.Validation("to", Codes.Refusal.ToRequired);
        if (to.DayNumber - from.DayNumber + 1 > MaxDays) return Problems.Validation("to", Codes.Kpis.PeriodTooLong.With(MaxDays));
        var grouping = KpiGrouping.None;
        if (q.GroupBy is not null && (!Enum.TryParse(q.GroupBy, true, out grouping) || grouping == KpiGrouping.None || int.TryParse(q.GroupBy, out _)))
            return Problems.Validation("groupBy", Codes.Kpis.GroupByUnknown);
        if (q.Category is not null && !Enum.TryParse<ApplianceCategory>(q.Category, false, out _))
            return Problems.Validation("category", Codes.Kpis.CategoryUnknown);

        await refresh.DrainAsync(maxRounds: KpiRefresh.ReportRounds);
        await using var c = await db.OpenAsync();
        var zone = q.StoreId is { } s ? await StoreClock.FindStoreAsync(c, null, s) ?? clock.Default : clock.Default;
        var fold = new KpiFold(grouping, clock.Today(zone));
        if (q is { TechnicianId: null, ManufacturerId: null, Category: null } && grouping is not (KpiGrouping.Technician or KpiGrouping.Category))
            await KpiStoreDays.ReadAsync(c, fold, from, to, q.StoreId);
        else
        {
            var (created, completed) = q.StoreId is not null ? (CreatedOfStoreSql, CompletedOfStoreSql)
                : q.TechnicianId is not null ? (CreatedOfTechnicianSql, CompletedOfTechnicianSql)
                : (CreatedOfChainSql, CompletedOfChainSql);
            var args = new { From = from, To = to, q.StoreId, q.TechnicianId, q.ManufacturerId, q.Category };
            KpiTally TallyOf(DateOnly day, string store, string? technician, string category) => fold[fold.KeyOf(day, store, technician, category)];
            await KpiFactRows.ReadCreatedAsync(c, null, created, args, TallyOf);
            await KpiFactRows.ReadCompletedAsync(c, null, completed, args, TallyOf);
        }
        return TypedResults.Ok(new KpiReportView(from, to, grouping == KpiGrouping.None ? "none" : Camel(grouping), fold.Views(),
            await KpiRefresh.CaughtUpAsync(c)));
    }

    private static string Camel(KpiGrouping g) => g.ToString().ToLowerInvariant();

}
