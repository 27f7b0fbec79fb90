using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Customers;

namespace RepairDispatch.Api.Technicians;

/// <summary>Reads technicians with their child rows: one query for the technicians, one per child table for all of them.</summary>
internal static class TechnicianReads
{
    public const string Columns = """
        t.id, t.store_id, t.code, t.name, t.phone, t.daily_capacity, t.start_lat, t.start_lon,
        t.shift_from, t.shift_to, t.work_days, t.active, t.created_at
        """;
    private const string ByIdSql = "SELECT " + Columns + " FROM technicians t WHERE t.id = @Id";
    private const string SkillsSql = "SELECT technician_id, category AS item FROM technician_skills WHERE technician_id IN @Ids";
    private const string CertificationsSql = "SELECT technician_id, manufacturer_id AS item FROM technician_certifications WHERE technician_id IN @Ids";
    private const string DistrictsSql = "SELECT technician_id, district AS item FROM technician_districts WHERE technician_id IN @Ids";

    public static async Task<TechnicianResponse?> ByIdAsync(DbConnection c, DbTransaction? tx, Guid id) =>
        (await LoadAsync(c, tx, ByIdSql, new { Id = id })).SingleOrDefault();

    /// <summary>Runs <paramref name="sql"/> (which selects <see cref="Columns"/>) and keeps its order.</summary>
    public static async Task<List<TechnicianResponse>> LoadAsync(DbConnection c, DbTransaction? tx, string sql, object parameters)
    {
        var rows = (await c.QueryAsync<Row>(sql, parameters, tx)).ToList();
        if (rows.Count == 0) return [];
        var ids = new { Ids = Db.IdList(c, rows.Select(r => r.Id)) };
        var skills = (await c.QueryAsync<Child<string>>(SkillsSql, ids, tx)).ToLookup(x => x.TechnicianId, x => Enum.Parse<ApplianceCategory>(x.Item));
        var certifications = (await c.QueryAsync<Child<Guid>>(CertificationsSql, ids, tx)).ToLookup(x => x.TechnicianId, x => x.Item);
        var districts = (await c.QueryAsync<Child<string>>(DistrictsSql, ids, tx)).ToLookup(x => x.TechnicianId, x => x.Item);
        return rows.Select(r => new TechnicianResponse(r.Id, r.StoreId, r.Code, r.Name, r.Phone,
            [.. skills[r.Id].Order()], [.. certifications[r.Id].Order()], [.. districts[r.Id].Order(StringComparer.Ordinal)],
            (int)r.DailyCapacity, r.StartLat is { } lat && r.StartLon is { } lon ? new GeoPoint(lat, lon) : null,
            new ShiftWindow(r.ShiftFrom, r.ShiftTo), r.WorkDays.Split(','), r.Active, r.CreatedAt)).ToList();
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid StoreId { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Phone { get; init; } = "";
        public long DailyCapacity { get; init; }
        public double? StartLat { get; init; }
        public double? StartLon { get; init; }
        public string ShiftFrom { get; init; } = "";
        public string ShiftTo { get; init; } = "";
        public string WorkDays { get; init; } = "";
        public bool Active { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class Child<T>
    {
        public Guid TechnicianId { get; init; }
        public T Item { get; init; } = default!;
    }
}
