using System.Globalization;

namespace RepairDispatch.Api.Kpis;

public sealed record KpiPercentiles(int? P50, int? P90);
public sealed record KpiSla(decimal? Assign, decimal? OnSite, decimal? Complete);
public sealed record KpiSatisfaction(decimal? Average, int Responses);
public sealed record KpiRevenue(decimal InstallationManagementFees, decimal ManufacturerRepairFees, decimal ManufacturerInstallationFees,
    decimal CustomerRepairs, decimal Parts, decimal CallbackFees, decimal Total);

/// <param name="Key">The day (yyyy-MM-dd), ISO week (yyyy-Www), month (yyyy-MM), store id, technician id or category; "total" ungrouped.</param>
/// <param name="Completed">Orders completed in the period: the denominator of the completion figures.</param>
public sealed record KpiGroupView(string Key, int Orders, int Completed, decimal? FirstTimeFixRate, decimal? RepeatRepairRate,
    KpiPercentiles AssignMinutes, KpiPercentiles OnSiteMinutes, KpiPercentiles CompleteMinutes, KpiSla SlaCompliance,
    KpiSatisfaction Satisfaction, decimal? ComplaintRate, decimal? JobsPerTechnicianDay, decimal? Utilisation, KpiRevenue Revenue,
    decimal? ClaimFirstPassRate, decimal? OldPartsOnTimeRate);

public enum KpiGrouping { None, Day, Week, Month, Store, Technician, Category }

/// <summary>
/// Folds fact rows (or stored store-day tallies) into the figures of docs/kpis.md, one <see cref="KpiTally"/> per group.
/// Creation figures (orders, the three times and their SLA) take rows by the day the order was created; completion
/// figures by the day it was completed.
/// </summary>
public sealed class KpiFold(KpiGrouping grouping, DateOnly today)
{
    private readonly Dictionary<string, KpiTally> _groups = [];

    public KpiTally this[string key] => _groups.TryGetValue(key, out var g) ? g : _groups[key] = new KpiTally();

    public List<KpiGroupView> Views() =>
        _groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => View(g.Key, g.Value)).ToList();

    public string KeyOf(DateOnly day, string store, string? technician, string category) => grouping switch
    {
        KpiGrouping.Day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        KpiGrouping.Week => $"{ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):00}",
        KpiGrouping.Month => day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        KpiGrouping.Store => store,
        KpiGrouping.Technician => technician ?? "none",
        KpiGrouping.Category => category,
        _ => "total",
    };

    /// <summary>Nearest rank: the smallest value with at least p % of the values at or below it.</summary>
    public static int? Percentile(IReadOnlyDictionary<int, int> histogram, int p)
    {
        var n = histogram.Values.Sum();
        if (n == 0) return null;
        var rank = (int)Math.Ceiling(p / 100m * n);
        var seen = 0;
        foreach (var value in histogram.Keys.Order())
        {
            seen += histogram[value];
            if (seen >= rank) return value;
        }
        return histogram.Keys.Max();
    }

    private KpiGroupView View(string key, KpiTally g)
    {
        var overdue = g.OpenOldPartsByDue.Where(p => p.Key < today).Sum(p => p.Value);
        return new(key, g.Orders, g.Completed,
            Rate(g.FirstTimeFixes, g.Repairs), Rate(g.Reworked, g.Repairs),
            Percentiles(g.Assign), Percentiles(g.OnSite), Percentiles(g.Complete),
            new KpiSla(Rate(g.AssignMet, g.AssignDecided), Rate(g.OnSiteMet, g.OnSiteDecided), Rate(g.CompleteMet, g.CompleteDecided)),
            new KpiSatisfaction(g.Responses == 0 ? null : Math.Round((decimal)g.SatisfactionSum / g.Responses, 2), g.Responses),
            g.Completed == 0 ? null : Math.Round(100m * g.Complaints / g.Completed, 2),
            g.TechnicianDays.Count == 0 ? null : Math.Round((decimal)g.TechnicianJobs / g.TechnicianDays.Count, 2),
            Rate(g.ServiceMinutes, g.TechnicianDays.Values.Sum(m => (long)m)),
            Revenue(g.RevenueFen), Rate(g.ClaimsFirstPass, g.ClaimsDecided), Rate(g.OldPartsOnTime, g.OldPartsClosed + overdue));
    }

    private static KpiRevenue Revenue(long[] fen) =>
        new(Yuan(fen[0]), Yuan(fen[1]), Yuan(fen[2]), Yuan(fen[3]), Yuan(fen[4]), Yuan(fen[5]), Yuan(fen.Sum()));

    private static decimal Yuan(long fen) => fen / 100m;

    private static decimal? Rate(long part, long whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);

    private static KpiPercentiles Percentiles(Dictionary<int, int> h) => new(Percentile(h, 50), Percentile(h, 90));
}

/// <summary>The completion part of a fact row, as the fold reads it.</summary>
public sealed class CompletedRow
{
    public string Type = "";
    public string? TechnicianId;
    public DateOnly CompletedDay;
    public int? CompleteMinutes;
    public bool? CompleteMet;
    public bool SecondVisit, Reworked;
    public int? Satisfaction;
    public int Complaints, ServiceMinutes, ShiftMinutes;
    public readonly long[] RevenueFen = new long[6];
    public bool? ClaimFirstPass;
    public int OldPartsOnTime, OldPartsLate, OldPartsOpen;
    public DateOnly? OldPartsOpenDue;
}
