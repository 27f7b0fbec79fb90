namespace RepairDispatch.Api.Calendar;

/// <summary>One year of the working-day calendar: its public holidays and its make-up working days (调休).</summary>
public sealed record CalendarYear(int Year, IReadOnlySet<DateOnly> Holidays, IReadOnlySet<DateOnly> Workdays);

/// <summary>
/// Which days are working days (pure, no I/O). In a year with data: a listed make-up working day is one (a Saturday
/// too), a listed holiday is not (a Monday too), any other day is one from Monday to Friday. A year without data is
/// Monday to Friday — a guess, which /health/ready reports.
/// </summary>
public sealed class WorkingDays(IEnumerable<CalendarYear> years)
{
    private readonly Dictionary<int, CalendarYear> _years = years.ToDictionary(y => y.Year);

    /// <summary>No data at all: Monday to Friday every year.</summary>
    public static readonly WorkingDays Fallback = new([]);

    public bool Knows(int year) => _years.ContainsKey(year);

    public bool IsHoliday(DateOnly day) => _years.TryGetValue(day.Year, out var y) && y.Holidays.Contains(day);

    public bool IsMakeUpWorkday(DateOnly day) => _years.TryGetValue(day.Year, out var y) && y.Workdays.Contains(day);

    public bool IsWorkingDay(DateOnly day) => IsMakeUpWorkday(day) || (!IsHoliday(day) && IsWeekday(day));

    /// <summary>The first working day after <paramref name="day"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly day)
    {
        var next = day.AddDays(1);
        while (!IsWorkingDay(next)) next = next.AddDays(1); // at most 60 holidays a year: this ends
        return next;
    }

    /// <summary>A technician's day by default: off on a holiday, on for a make-up working day, else their own weekdays.</summary>
    public bool TechnicianWorks(DateOnly day, Func<DayOfWeek, bool> usualDay) =>
        !IsHoliday(day) && (IsMakeUpWorkday(day) || usualDay(day.DayOfWeek));

    private static bool IsWeekday(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
