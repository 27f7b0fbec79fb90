using RepairDispatch.Api.Stores;

namespace RepairDispatch.Api.Public;

public sealed record Window(DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// The appointment windows a customer may move to: morning, afternoon and evening of the next seven store-local days,
/// starting at least two hours from now (time to plan the trip), except the window already booked. Pure: no I/O, no clock.
/// </summary>
public static class OfferedWindows
{
    public const int Days = 7;
    public static readonly TimeSpan Notice = TimeSpan.FromHours(2);

    private static readonly (TimeOnly From, TimeOnly To)[] Slots =
        [(new(9, 0), new(12, 0)), (new(13, 0), new(17, 0)), (new(18, 0), new(20, 0))];

    public static IReadOnlyList<Window> For(StoreZone zone, DateTimeOffset now, Window? booked)
    {
        var today = zone.DayOf(now);
        var windows = new List<Window>();
        for (var d = 0; d < Days; d++)
            foreach (var (from, to) in Slots)
            {
                var window = new Window(zone.At(today.AddDays(d), from).ToUniversalTime(), zone.At(today.AddDays(d), to).ToUniversalTime());
                if (window.From >= now + Notice && !Same(window, booked)) windows.Add(window);
            }
        return windows;
    }

    public static bool Same(Window a, Window? b) => b is not null && a.From == b.From && a.To == b.To;
}
