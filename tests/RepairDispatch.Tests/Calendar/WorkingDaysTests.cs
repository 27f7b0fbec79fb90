using RepairDispatch.Api.Calendar;

namespace RepairDispatch.Tests.Calendar;

/// <summary>The working-day rule at its edges, on the October week of 2026 as the State Council's notice set it.</summary>
public class WorkingDaysTests
{
    // 2026: 10-01 (Thu) to 10-07 (Wed) off; 09-20 (Sun) and 10-10 (Sat) worked; 01-01 to 01-03 off, 01-04 (Sun) worked.
    private static readonly WorkingDays Calendar2026 = new([new CalendarYear(2026,
        new[] { "2026-01-01", "2026-01-02", "2026-01-03", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07" }
            .Select(DateOnly.Parse).ToHashSet(),
        new[] { "2026-01-04", "2026-09-20", "2026-10-10" }.Select(DateOnly.Parse).ToHashSet())]);

    [Theory]
    [InlineData("2026-10-01", false)] // a holiday on a Thursday
    [InlineData("2026-10-10", true)]  // a make-up Saturday
    [InlineData("2026-09-20", true)]  // a make-up Sunday
    [InlineData("2026-10-11", false)] // an ordinary Sunday
    [InlineData("2026-10-08", true)]  // the Thursday after the holiday
    [InlineData("2027-10-01", true)]  // 2027 has no data: a Friday is a working day
    [InlineData("2027-10-02", false)] // and a Saturday is not
    public void AWorkingDayIsAMakeUpDayOrAWeekdayThatIsNoHoliday(string day, bool working) =>
        Calendar2026.IsWorkingDay(DateOnly.Parse(day)).Should().Be(working);

    [Theory]
    [InlineData("2026-09-30", "2026-10-08")] // Wednesday before the National Day week → the Thursday after it
    [InlineData("2026-10-09", "2026-10-10")] // Friday → the make-up Saturday
    [InlineData("2026-09-19", "2026-09-20")] // Saturday → the make-up Sunday
    [InlineData("2025-12-31", "2026-01-04")] // across New Year into the data: 01-01..03 off, Sunday 01-04 worked
    [InlineData("2026-12-31", "2027-01-01")] // across New Year into a year without data: Friday
    [InlineData("2027-12-31", "2028-01-03")] // a year without data: Friday → Monday
    public void NextWorkingDaySkipsHolidaysAndTakesMakeUpDays(string day, string next) =>
        Calendar2026.NextWorkingDay(DateOnly.Parse(day)).Should().Be(DateOnly.Parse(next));

    [Theory]
    [InlineData("2026-11-23", "2026-11-24")] // Monday → Tuesday
    [InlineData("2026-11-27", "2026-11-30")] // Friday → Monday
    [InlineData("2026-10-01", "2026-10-02")] // without data a holiday is not known: Thursday → Friday
    public void WithoutDataEveryYearIsMondayToFriday(string day, string next) =>
        WorkingDays.Fallback.NextWorkingDay(DateOnly.Parse(day)).Should().Be(DateOnly.Parse(next));

    [Theory]
    [InlineData("MonFri", "2026-10-10", true)]   // a make-up Saturday is worked by a Monday–Friday technician
    [InlineData("MonFri", "2026-10-01", false)]  // a holiday on a Thursday is off
    [InlineData("MonFri", "2026-10-11", false)]  // an ordinary Sunday is off
    [InlineData("Weekend", "2026-10-03", false)] // a holiday is off even on the technician's own Saturday
    [InlineData("Weekend", "2026-10-11", true)]  // an ordinary Sunday of a weekend technician
    [InlineData("Weekend", "2026-10-10", true)]  // a make-up Saturday
    [InlineData("MonFri", "2027-10-01", true)]   // no data for 2027: the technician's own weekdays
    public void ATechniciansDefaultDayFollowsTheCalendar(string shape, string day, bool works) =>
        Calendar2026.TechnicianWorks(DateOnly.Parse(day), d => shape == "Weekend"
            ? d is DayOfWeek.Saturday or DayOfWeek.Sunday
            : d is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Should().Be(works);
}
