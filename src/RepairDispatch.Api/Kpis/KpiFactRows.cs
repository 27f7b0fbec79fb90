using System.Data.Common;
using System.Globalization;
using Dapper;

namespace RepairDispatch.Api.Kpis;

/// <summary>
/// Reads kpi_order_facts rows into tallies: the creation columns (<see cref="CreatedColumns"/>, by created_day) and the
/// completion columns (<see cref="CompletedColumns"/>, by completed_day), each row into the tally its day, store,
/// technician and category choose. Used by the report and by the store-day tallies alike.
/// </summary>
public static class KpiFactRows
{
    public const string CreatedColumns = "SELECT store_id, technician_id, category, created_day, assign_minutes, on_site_minutes, assign_met, on_site_met FROM kpi_order_facts";
    public const string CompletedColumns = """
        SELECT store_id, technician_id, category, completed_day, type, complete_minutes, complete_met, second_visit, reworked, satisfaction,
            complaints, service_minutes, shift_minutes, installation_management_fen, manufacturer_repair_fen, manufacturer_installation_fen,
            customer_repair_fen, parts_fen, callback_fen, claim_first_pass, old_parts_on_time, old_parts_late, old_parts_open, old_parts_open_due
        FROM kpi_order_facts
        """;

    public delegate KpiTally TallyOf(DateOnly day, string store, string? technician, string category);

    // A year of the chain is millions of rows: read them with a bare reader, and parse each distinct day or id once.
    public static async Task ReadCreatedAsync(DbConnection c, DbTransaction? tx, string sql, object args, TallyOf tallyOf)
    {
        await using var r = await c.ExecuteReaderAsync(sql, args, tx);
        var keys = new Keys();
        while (await r.ReadAsync())
        {
            tallyOf(keys.Day(r.GetValue(3)), keys.Id(r.GetValue(0))!, keys.Id(r.GetValue(1)), r.GetString(2))
                .AddCreated(Int(r, 4), Int(r, 5), Bool(r, 6), Bool(r, 7));
        }
    }

    public static async Task ReadCompletedAsync(DbConnection c, DbTransaction? tx, string sql, object args, TallyOf tallyOf)
    {
        await using var r = await c.ExecuteReaderAsync(sql, args, tx);
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
            tallyOf(row.CompletedDay, keys.Id(r.GetValue(0))!, row.TechnicianId, r.GetString(2)).AddCompleted(row);
        }
    }

    private static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);
    private static bool? Bool(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture) != 0;

    /// <summary>Days and ids as the dialect returns them (text on SQLite, DATE and GUID on SQL Server), parsed once each.</summary>
    internal sealed class Keys
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
