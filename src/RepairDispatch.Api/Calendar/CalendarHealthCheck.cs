using Microsoft.Extensions.Diagnostics.HealthChecks;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;

namespace RepairDispatch.Api.Calendar;

/// <summary>
/// Degraded (still ready, HTTP 200) when the working-day calendar has no data for this year, or for the next one
/// within a month of it (callbacks and plans reach that far): those days fall back to Monday–Friday.
/// </summary>
public sealed class CalendarHealthCheck(Db db, StoreClock clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var today = clock.HeadquartersToday;
        var years = new[] { today.Year, today.AddDays(31).Year }.Distinct().ToList();
        await using var c = await db.OpenAsync(ct);
        var calendar = await CalendarYears.LoadAsync(c, null, years[0], years[^1]);
        var missing = years.Where(y => !calendar.Knows(y)).ToList();
        return missing.Count == 0
            ? HealthCheckResult.Healthy($"Working-day calendar of {string.Join(", ", years)}.")
            : HealthCheckResult.Degraded($"No working-day calendar for {string.Join(", ", missing)}: Monday–Friday is assumed (PUT /api/v1/calendar/{missing[0]}).");
    }
}
