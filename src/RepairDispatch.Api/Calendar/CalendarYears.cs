using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Calendar;

/// <param name="Year">Optional in a PUT; when sent it must be the year of the path.</param>
/// <param name="Workdays">Make-up working days (调休): weekend days worked instead of a holiday's weekday.</param>
public sealed record CalendarYearBody(
    int? Year,
    [property: Required, MaxLength(CalendarYears.MaxEntries)] List<DateOnly>? Holidays,
    [property: Required, MaxLength(CalendarYears.MaxEntries)] List<DateOnly>? Workdays);

public sealed record CalendarYearResponse(int Year, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> Workdays);

/// <summary>
/// GET/PUT /api/v1/calendar/{year}: a year's public holidays and make-up working days. PUT replaces the whole year
/// (admins only). The ETag is the year's version: If-Match is honoured when sent (412 when stale); without it the
/// last write wins, which is acceptable for admin data edited once a year.
/// </summary>
public static class CalendarYears
{
    public const int MaxEntries = 60;

    private const string YearSql = "SELECT version FROM calendar_years WHERE year = @Year";
    private const string DaysSql = "SELECT day, year, kind FROM calendar_days WHERE year >= @From AND year <= @To ORDER BY day";
    private const string KnownYearsSql = "SELECT year FROM calendar_years WHERE year >= @From AND year <= @To";
    private const string DeleteDaysSql = "DELETE FROM calendar_days WHERE year = @Year";
    private const string InsertYearSql = """
        INSERT INTO calendar_years (year, version, source, updated_by_user_id, updated_at) VALUES (@Year, 1, NULL, @UserId, @Now)
        """;
    private const string UpdateYearSql = """
        UPDATE calendar_years SET version = version + 1, updated_by_user_id = @UserId, updated_at = @Now WHERE year = @Year
        """;
    private const string InsertDaySql = "INSERT INTO calendar_days (day, year, kind) VALUES (@Day, @Year, @Kind)";

    private sealed class DayRow
    {
        public DateOnly Day { get; init; }
        public long Year { get; init; }
        public string Kind { get; init; } = "";
    }

    /// <summary>The calendar of the years from..to that have data (others fall back to Monday–Friday).</summary>
    public static async Task<WorkingDays> LoadAsync(DbConnection c, DbTransaction? tx, int from, int to)
    {
        var args = new { From = from, To = to };
        var known = (await c.QueryAsync<long>(KnownYearsSql, args, tx)).Select(y => (int)y).ToList();
        var days = (await c.QueryAsync<DayRow>(DaysSql, args, tx)).ToLookup(d => (int)d.Year);
        return new WorkingDays(known.Select(y => new CalendarYear(y,
            days[y].Where(d => d.Kind == "Holiday").Select(d => d.Day).ToHashSet(),
            days[y].Where(d => d.Kind == "Workday").Select(d => d.Day).ToHashSet())));
    }

    /// <summary>The calendar around a day: its year and the next (a "next working day" may cross New Year).</summary>
    public static Task<WorkingDays> AroundAsync(DbConnection c, DbTransaction? tx, DateOnly day) => LoadAsync(c, tx, day.Year, day.Year + 1);

    public static async Task<IResult> Get(int year, Db db)
    {
        if (YearProblem(year) is { } problem) return problem;
        await using var c = await db.OpenAsync();
        if (await c.ExecuteScalarAsync<long?>(YearSql, new { Year = year }) is not { } version)
            return Problems.NotFound(Codes.Refusal.Calendar404.With(year));
        var rows = (await c.QueryAsync<DayRow>(DaysSql, new { From = year, To = year })).ToList();
        return new WithETag($"\"{version}\"", TypedResults.Ok(new CalendarYearResponse(year,
            [.. rows.Where(r => r.Kind == "Holiday").Select(r => r.Day)], [.. rows.Where(r => r.Kind == "Workday").Select(r => r.Day)])));
    }

    public static async Task<IResult> Put(int year, CalendarYearBody body, HttpContext http, Db db, TimeProvider clock)
    {
        if (YearProblem(year) is { } yearProblem) return yearProblem;
        if (body.Year is { } named && named != year) return Problems.Validation("year", Codes.Refusal.CalendarYearMismatch.With(year));
        var (holidays, workdays) = (body.Holidays!, body.Workdays!);
        var refusal = Refusal(year, holidays, "holidays", []) ?? Refusal(year, workdays, "workdays", holidays.ToHashSet());
        if (refusal is not null) return refusal;
        var ifMatch = ETags.IfMatch(http.Request);
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var args = new { Year = year, UserId = me.Id, Now = now };
            var current = await c.ExecuteScalarAsync<long?>(YearSql, args, tx);
            if (ifMatch is { } expected && expected != (current ?? 0)) return Problems.PreconditionFailed(current is { } v ? $"\"{v}\"" : null);
            await c.ExecuteAsync(current is null ? InsertYearSql : UpdateYearSql, args, tx);
            await c.ExecuteAsync(DeleteDaysSql, args, tx);
            await c.ExecuteAsync(InsertDaySql, holidays.Select(d => new { Day = d, Year = year, Kind = "Holiday" })
                .Concat(workdays.Select(d => new { Day = d, Year = year, Kind = "Workday" })), tx);
            return new WithETag($"\"{(current ?? 0) + 1}\"",
                TypedResults.Ok(new CalendarYearResponse(year, [.. holidays.Order()], [.. workdays.Order()])));
        });
    }

    private static IResult? YearProblem(int year) =>
        year is < 2000 or > 2100 ? Problems.Validation("year", Codes.Refusal.CalendarYearRange) : null;

    /// <summary>The first bad entry of a list: outside the year, listed twice, or also in the other list.</summary>
    private static IResult? Refusal(int year, List<DateOnly> days, string field, HashSet<DateOnly> other)
    {
        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            if (day.Year != year) return Problems.Validation($"{field}[{i}]", Codes.Refusal.CalendarDayNotInYear.With(Codes.Day(day), year));
            if (!seen.Add(day)) return Problems.Validation($"{field}[{i}]", Codes.Refusal.CalendarDayTwice.With(Codes.Day(day)));
            if (other.Contains(day)) return Problems.Validation($"{field}[{i}]", Codes.Refusal.CalendarDayBoth.With(Codes.Day(day)));
        }
        return null;
    }
}
