using System.Data.Common;
using System.Globalization;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Kpis;

public sealed record KpiReportView(DateOnly From, DateOnly To, string GroupBy, List<KpiGroupView> Groups);

/// <summary>
/// `GET /reports/kpis` (managers, finance, admins: their scope) and `GET /mobile/kpis` (a technician: his own figures
/// only). Store-local days from..to, both included. Reads kpi_order_facts after recomputing the orders marked since
/// the last drain, so an answer includes every committed change.
/// </summary>
public static class KpiReport
{
    public const int MaxDays = 731;

    private const string Filters = """
        AND (@TechnicianId IS NULL OR technician_id = @TechnicianId) AND (@ManufacturerId IS NULL OR manufacturer_id = @ManufacturerId)
        AND (@Category IS NULL OR category = @Category)
        """;
    private const string CreatedColumns = "SELECT store_id, technician_id, category, created_day, assign_minutes, on_site_minutes, assign_met, on_site_met FROM kpi_order_facts";
    private const string CompletedColumns = """
        SELECT store_id, technician_id, category, completed_day, type, complete_minutes, complete_met, second_visit, reworked, satisfaction,
            complaints, service_minutes, shift_minutes, installation_management_fen, manufacturer_repair_fen, manufacturer_installation_fen,
            customer_repair_fen, parts_fen, callback_fen, claim_first_pass, old_parts_on_time, old_parts_late, old_parts_open, old_parts_open_due
        FROM kpi_order_facts
        """;
    // One text per index: a store's rows by (store_id, day), a technician's by (technician_id, day), the chain's by day.
    private const string CreatedOfStoreSql = $"{CreatedColumns} WHERE store_id = @StoreId AND created_day >= @From AND created_day <= @To {Filters}";
    private const string CreatedOfTechnicianSql = $"{CreatedColumns} WHERE technician_id = @TechnicianId AND created_day >= @From AND created_day <= @To AND (@StoreId IS NULL OR store_id = @StoreId) {Filters}";
    private const string CreatedOfChainSql = $"{CreatedColumns} WHERE created_day >= @From AND created_day <= @To {Filters}";
    private const string CompletedOfStoreSql = $"{CompletedColumns} WHERE store_id = @StoreId AND completed_day >= @From AND completed_day <= @To {Filters}";
    private const string CompletedOfTechnicianSql = $"{CompletedColumns} WHERE technician_id = @TechnicianId AND completed_day >= @From AND completed_day <= @To AND (@StoreId IS NULL OR store_id = @StoreId) {Filters}";
    private const string CompletedOfChainSql = $"{CompletedColumns} WHERE completed_day >= @From AND completed_day <= @To {Filters}";

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
        var (created, completed) = q.StoreId is not null ? (CreatedOfStoreSql, CompletedOfStoreSql)
            : q.TechnicianId is not null ? (CreatedOfTechnicianSql, CompletedOfTechnicianSql)
            : (CreatedOfChainSql, CompletedOfChainSql);
        var args = new { From = from, To = to, q.StoreId, q.TechnicianId, q.ManufacturerId, q.Category };
        await ReadCreatedAsync(c, created, args, fold);
        await ReadCompletedAsync(c, completed, args, fold);
        return TypedResults.Ok(new KpiReportView(from, to, grouping == KpiGrouping.None ? "none" : Camel(grouping), fold.Views()));
    }

    private static string Camel(KpiGrouping g) => g.ToString().ToLowerInvariant();

    // A year of the chain is millions of rows: read them with a bare reader, and parse each distinct day or id once.
    private static async Task ReadCreatedAsync(DbConnection c, string sql, object args, KpiFold fold)
    {
        await using var r = await c.ExecuteReaderAsync(sql, args);
        var keys = new Keys();
        while (await r.ReadAsync())
        {
            var key = fold.KeyOf(keys.Day(r.GetValue(3)), keys.Id(r.GetValue(0))!, keys.Id(r.GetValue(1)), r.GetString(2));
            fold.AddCreated(key, Int(r, 4), Int(r, 5), Bool(r, 6), Bool(r, 7));
        }
    }

    private static async Task ReadCompletedAsync(DbConnection c, string sql, object args, KpiFold fold)
    {
        await using var r = await c.ExecuteReaderAsync(sql, args);
        var keys = new Keys();
        var row = new CompletedRow();
        while (await r.ReadAsync())
        {
            row.CompletedDay = keys.Day(r.GetValue(3));
            row.TechnicianId = keys.Id(r.GetValue(1));
            row.Type = r.GetString(4);
            row.CompleteMinutes = Int(r, 5);
            row.CompleteMet = Bool(r, 6);
            row.SecondVisit = Bool(r, 7) == true;
            row.Reworked = Bool(r, 8) == true;
            row.Satisfaction = Int(r, 9);
            row.Complaints = Int(r, 10) ?? 0;
            row.ServiceMinutes = Int(r, 11) ?? 0;
            row.ShiftMinutes = Int(r, 12) ?? 0;
            for (var i = 0; i < 6; i++) row.RevenueFen[i] = Convert.ToInt64(r.GetValue(13 + i), CultureInfo.InvariantCulture);
            row.ClaimFirstPass = Bool(r, 19);
            row.OldPartsOnTime = Int(r, 20) ?? 0;
            row.OldPartsLate = Int(r, 21) ?? 0;
            row.OldPartsOpen = Int(r, 22) ?? 0;
            row.OldPartsOpenDue = r.IsDBNull(23) ? null : keys.Day(r.GetValue(23));
            fold.AddCompleted(fold.KeyOf(row.CompletedDay, keys.Id(r.GetValue(0))!, row.TechnicianId, r.GetString(2)), row);
        }
    }

    private static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);
    private static bool? Bool(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture) != 0;

    /// <summary>Days and ids as the dialect returns them (text on SQLite, DATE and GUID on SQL Server), parsed once each.</summary>
    private sealed class Keys
    {
        private readonly Dictionary<object, DateOnly> _days = [];
        private readonly Dictionary<object, string> _ids = [];

        public DateOnly Day(object v) => _days.TryGetValue(v, out var d) ? d : _days[v] = v switch
        {
            string s => DateOnly.ParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => DateOnly.FromDateTime(t),
            _ => (DateOnly)v,
        };

        public string? Id(object v) => v is DBNull ? null : _ids.TryGetValue(v, out var s) ? s : _ids[v] = v is Guid g ? g.ToString() : Guid.Parse((string)v).ToString();
    }
}
