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
/// Folds fact rows into the figures of docs/kpis.md, one accumulator per group. Creation figures (orders, the three
/// times and their SLA) take rows by the day the order was created; completion figures by the day it was completed.
/// </summary>
public sealed class KpiFold(KpiGrouping grouping, DateOnly today)
{
    private readonly Dictionary<string, Group> _groups = [];

    public void AddCreated(string key, int? assign, int? onSite, bool? assignMet, bool? onSiteMet)
    {
        var g = GroupOf(key);
        g.Orders++;
        Add(g.Assign, assign);
        Add(g.OnSite, onSite);
        Count(ref g.AssignMet, ref g.AssignDecided, assignMet);
        Count(ref g.OnSiteMet, ref g.OnSiteDecided, onSiteMet);
    }

    public void AddCompleted(string key, CompletedRow r)
    {
        var g = GroupOf(key);
        g.Completed++;
        Add(g.Complete, r.CompleteMinutes);
        Count(ref g.CompleteMet, ref g.CompleteDecided, r.CompleteMet);
        if (r.Type == "Repair")
        {
            g.Repairs++;
            if (!r.SecondVisit && !r.Reworked) g.FirstTimeFixes++;
            if (r.Reworked) g.Reworked++;
        }
        if (r.Satisfaction is { } s) { g.SatisfactionSum += s; g.Responses++; }
        g.Complaints += r.Complaints;
        if (r.TechnicianId is { } tech)
        {
            g.TechnicianJobs++;
            g.ServiceMinutes += r.ServiceMinutes;
            if (g.TechnicianDays.Add((tech, r.CompletedDay))) g.ShiftMinutes += r.ShiftMinutes;
        }
        for (var i = 0; i < 6; i++) g.RevenueFen[i] += r.RevenueFen[i];
        Count(ref g.ClaimsFirstPass, ref g.ClaimsDecided, r.ClaimFirstPass);
        g.OldPartsOnTime += r.OldPartsOnTime;
        g.OldPartsDecided += r.OldPartsOnTime + r.OldPartsLate;
        if (r.OldPartsOpen > 0 && r.OldPartsOpenDue is { } due && due < today) g.OldPartsDecided += r.OldPartsOpen;
    }

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
    public static int? Percentile(SortedDictionary<int, int> histogram, int p)
    {
        var n = histogram.Values.Sum();
        if (n == 0) return null;
        var rank = (int)Math.Ceiling(p / 100m * n);
        var seen = 0;
        foreach (var (value, count) in histogram)
        {
            seen += count;
            if (seen >= rank) return value;
        }
        return histogram.Keys.Last();
    }

    private static KpiGroupView View(string key, Group g) => new(key, g.Orders, g.Completed,
        Rate(g.FirstTimeFixes, g.Repairs), Rate(g.Reworked, g.Repairs),
        Percentiles(g.Assign), Percentiles(g.OnSite), Percentiles(g.Complete),
        new KpiSla(Rate(g.AssignMet, g.AssignDecided), Rate(g.OnSiteMet, g.OnSiteDecided), Rate(g.CompleteMet, g.CompleteDecided)),
        new KpiSatisfaction(g.Responses == 0 ? null : Math.Round((decimal)g.SatisfactionSum / g.Responses, 2), g.Responses),
        g.Completed == 0 ? null : Math.Round(100m * g.Complaints / g.Completed, 2),
        g.TechnicianDays.Count == 0 ? null : Math.Round((decimal)g.TechnicianJobs / g.TechnicianDays.Count, 2),
        Rate(g.ServiceMinutes, g.ShiftMinutes),
        Revenue(g.RevenueFen), Rate(g.ClaimsFirstPass, g.ClaimsDecided), Rate(g.OldPartsOnTime, g.OldPartsDecided));

    private static KpiRevenue Revenue(long[] fen) =>
        new(Yuan(fen[0]), Yuan(fen[1]), Yuan(fen[2]), Yuan(fen[3]), Yuan(fen[4]), Yuan(fen[5]), Yuan(fen.Sum()));

    private static decimal Yuan(long fen) => fen / 100m;

    private static decimal? Rate(long part, long whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);

    private static KpiPercentiles Percentiles(SortedDictionary<int, int> h) => new(Percentile(h, 50), Percentile(h, 90));

    private static void Add(SortedDictionary<int, int> h, int? minutes)
    {
        if (minutes is { } m) h[m] = h.GetValueOrDefault(m) + 1;
    }

    private static void Count(ref int yes, ref int decided, bool? outcome)
    {
        if (outcome is not { } o) return;
        decided++;
        if (o) yes++;
    }

    private Group GroupOf(string key) => _groups.TryGetValue(key, out var g) ? g : _groups[key] = new Group();

    private sealed class Group
    {
        public int Orders, Completed, Repairs, FirstTimeFixes, Reworked, Responses, Complaints, TechnicianJobs;
        public int AssignMet, AssignDecided, OnSiteMet, OnSiteDecided, CompleteMet, CompleteDecided;
        public int ClaimsFirstPass, ClaimsDecided, OldPartsOnTime, OldPartsDecided;
        public long SatisfactionSum, ServiceMinutes, ShiftMinutes;
        public readonly long[] RevenueFen = new long[6];
        public readonly SortedDictionary<int, int> Assign = [], OnSite = [], Complete = [];
        public readonly HashSet<(string, DateOnly)> TechnicianDays = [];
    }
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
