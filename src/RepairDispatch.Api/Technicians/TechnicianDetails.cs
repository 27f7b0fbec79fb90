using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Technicians;

public sealed record GeoPoint([property: Range(-90, 90)] double Lat, [property: Range(-180, 180)] double Lon);

/// <summary>Working hours as "HH:mm" in the store's time zone.</summary>
public sealed record ShiftWindow(
    [property: Required, StringLength(5, MinimumLength = 5)] string From,
    [property: Required, StringLength(5, MinimumLength = 5)] string To);

public sealed record TechnicianResponse(
    Guid Id, Guid StoreId, string Code, string Name, string Phone,
    IReadOnlyList<ApplianceCategory> Skills, IReadOnlyList<Guid> Certifications, IReadOnlyList<string> Districts,
    int DailyCapacity, GeoPoint? Start, ShiftWindow Shift, IReadOnlyList<string> WorkDays, bool Active, DateTimeOffset CreatedAt);

/// <summary>
/// What a technician is dispatched by (skills, certifications, areas, hours), checked and put in a stable
/// order the same way on create and update, and written as child rows.
/// </summary>
internal sealed record TechnicianDetails(ApplianceCategory[] Skills, Guid[] Certifications, string[] Districts, ShiftWindow Shift, string[] WorkDays)
{
    public const int DefaultDailyCapacity = 6;
    private static readonly string[] Week = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly ShiftWindow DefaultShift = new("08:30", "18:00");
    private static readonly string[] DefaultWorkDays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private const string KnownManufacturersSql = "SELECT COUNT(*) FROM manufacturers WHERE id IN @Ids";
    private const string InsertSkillSql = "INSERT INTO technician_skills (technician_id, category) VALUES (@TechnicianId, @Category)";
    private const string InsertCertificationSql = "INSERT INTO technician_certifications (technician_id, manufacturer_id) VALUES (@TechnicianId, @ManufacturerId)";
    private const string InsertDistrictSql = "INSERT INTO technician_districts (technician_id, district) VALUES (@TechnicianId, @District)";
    private const string DeleteSkillsSql = "DELETE FROM technician_skills WHERE technician_id = @TechnicianId";
    private const string DeleteCertificationsSql = "DELETE FROM technician_certifications WHERE technician_id = @TechnicianId";
    private const string DeleteDistrictsSql = "DELETE FROM technician_districts WHERE technician_id = @TechnicianId";

    public string WorkDaysText => string.Join(',', WorkDays);

    public static ProblemHttpResult? TryCreate(ApplianceCategory[] skills, Guid[]? certifications, string[]? districts,
        ShiftWindow? shift, string[]? workDays, out TechnicianDetails details)
    {
        var errors = new Dictionary<string, Text[]>();
        certifications ??= [];
        var areas = (districts ?? []).Select(d => d.Trim()).ToArray();
        shift ??= DefaultShift;
        workDays ??= DefaultWorkDays;

        if (skills.Distinct().Count() != skills.Length) errors["skills"] = [Codes.Refusal.EachSkillOnce];
        if (certifications.Distinct().Count() != certifications.Length) errors["certifications"] = [Codes.Refusal.EachManufacturerOnce];
        if (areas.Any(d => d.Length is 0 or > 100)) errors["districts"] = [Codes.Refusal.DistrictChars];
        else if (areas.Distinct(StringComparer.OrdinalIgnoreCase).Count() != areas.Length) errors["districts"] = [Codes.Refusal.EachDistrictOnce];
        var from = ParseTime(shift.From, "shift.from", errors);
        var to = ParseTime(shift.To, "shift.to", errors);
        if (from is not null && to is not null && from >= to) errors["shift.to"] = [Codes.Refusal.ShiftToAfterFrom];
        if (workDays.Any(d => !Week.Contains(d, StringComparer.Ordinal))) errors["workDays"] = [Codes.Refusal.WorkDayNames];
        else if (workDays.Distinct().Count() != workDays.Length) errors["workDays"] = [Codes.Refusal.EachDayOnce];

        details = new TechnicianDetails([.. skills.Order()], [.. certifications.Order()], [.. areas.Order(StringComparer.Ordinal)],
            shift, [.. workDays.OrderBy(d => Array.IndexOf(Week, d))]);
        return errors.Count == 0 ? null : Problems.Validation(errors);
    }

    public async Task<bool> ManufacturersExistAsync(DbConnection c, DbTransaction tx) =>
        Certifications.Length == 0 || await c.ExecuteScalarAsync<long>(KnownManufacturersSql, new { Ids = Db.IdList(c, Certifications) }, tx) == Certifications.Length;

    /// <summary>Writes the child rows; on update the old ones go first (update replaces, never merges).</summary>
    public async Task WriteAsync(DbConnection c, DbTransaction tx, Guid technicianId, bool replace)
    {
        if (replace)
            foreach (var sql in new[] { DeleteSkillsSql, DeleteCertificationsSql, DeleteDistrictsSql })
                await c.ExecuteAsync(sql, new { TechnicianId = technicianId }, tx);
        await c.ExecuteAsync(InsertSkillSql, Skills.Select(s => new { TechnicianId = technicianId, Category = s.ToString() }), tx);
        await c.ExecuteAsync(InsertCertificationSql, Certifications.Select(m => new { TechnicianId = technicianId, ManufacturerId = m }), tx);
        await c.ExecuteAsync(InsertDistrictSql, Districts.Select(d => new { TechnicianId = technicianId, District = d }), tx);
    }

    private static TimeOnly? ParseTime(string text, string field, Dictionary<string, Text[]> errors)
    {
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        errors[field] = [Codes.Refusal.TimeOfDay];
        return null;
    }
}
