namespace RepairDispatch.Api.Kpis;

/// <summary>
/// The running sums of docs/kpis.md for a set of fact rows: counts, sums, per-minute histograms of the three times, the
/// technician-days with their shifts and the open old parts by due day. Tallies merge without losing anything, so a
/// group's figures are the same whether its rows were added one by one or as the stored tallies of its store-days
/// (<see cref="KpiStoreDays"/>); the figures themselves are worked out once, in <see cref="KpiFold"/>.
/// </summary>
public sealed class KpiTally
{
    private const byte Format = 1;

    public int Orders, Completed, Repairs, FirstTimeFixes, Reworked, Responses, Complaints, TechnicianJobs;
    public int AssignMet, AssignDecided, OnSiteMet, OnSiteDecided, CompleteMet, CompleteDecided;
    public int ClaimsFirstPass, ClaimsDecided, OldPartsOnTime, OldPartsClosed;
    public long SatisfactionSum, ServiceMinutes;
    public readonly long[] RevenueFen = new long[6];
    public readonly Dictionary<int, int> Assign = [], OnSite = [], Complete = [];
    /// <summary>Distinct technician × completion day, each with the technician's shift minutes (counted once a day).</summary>
    public readonly Dictionary<(string Technician, DateOnly Day), int> TechnicianDays = [];
    /// <summary>Old parts still out, by the latest due day of their order: overdue ones count as decided (late) on the report's day.</summary>
    public readonly Dictionary<DateOnly, int> OpenOldPartsByDue = [];

    public bool IsEmpty => Orders == 0 && Completed == 0;

    public void AddCreated(int? assign, int? onSite, bool? assignMet, bool? onSiteMet)
    {
        Orders++;
        Add(Assign, assign, 1);
        Add(OnSite, onSite, 1);
        Count(ref AssignMet, ref AssignDecided, assignMet);
        Count(ref OnSiteMet, ref OnSiteDecided, onSiteMet);
    }

    public void AddCompleted(CompletedRow r)
    {
        Completed++;
        Add(Complete, r.CompleteMinutes, 1);
        Count(ref CompleteMet, ref CompleteDecided, r.CompleteMet);
        if (r.Type == "Repair")
        {
            Repairs++;
            if (!r.SecondVisit && !r.Reworked) FirstTimeFixes++;
            if (r.Reworked) Reworked++;
        }
        if (r.Satisfaction is { } s) { SatisfactionSum += s; Responses++; }
        Complaints += r.Complaints;
        if (r.TechnicianId is { } tech)
        {
            TechnicianJobs++;
            ServiceMinutes += r.ServiceMinutes;
            TechnicianDays.TryAdd((tech, r.CompletedDay), r.ShiftMinutes);
        }
        for (var i = 0; i < RevenueFen.Length; i++) RevenueFen[i] += r.RevenueFen[i];
        Count(ref ClaimsFirstPass, ref ClaimsDecided, r.ClaimFirstPass);
        OldPartsOnTime += r.OldPartsOnTime;
        OldPartsClosed += r.OldPartsOnTime + r.OldPartsLate;
        if (r.OldPartsOpen > 0 && r.OldPartsOpenDue is { } due) Add(OpenOldPartsByDue, due, r.OldPartsOpen);
    }

    public void Merge(KpiTally t)
    {
        Orders += t.Orders; Completed += t.Completed; Repairs += t.Repairs; FirstTimeFixes += t.FirstTimeFixes; Reworked += t.Reworked;
        Responses += t.Responses; Complaints += t.Complaints; TechnicianJobs += t.TechnicianJobs;
        AssignMet += t.AssignMet; AssignDecided += t.AssignDecided; OnSiteMet += t.OnSiteMet; OnSiteDecided += t.OnSiteDecided;
        CompleteMet += t.CompleteMet; CompleteDecided += t.CompleteDecided;
        ClaimsFirstPass += t.ClaimsFirstPass; ClaimsDecided += t.ClaimsDecided; OldPartsOnTime += t.OldPartsOnTime; OldPartsClosed += t.OldPartsClosed;
        SatisfactionSum += t.SatisfactionSum; ServiceMinutes += t.ServiceMinutes;
        for (var i = 0; i < RevenueFen.Length; i++) RevenueFen[i] += t.RevenueFen[i];
        foreach (var (m, n) in t.Assign) Add(Assign, m, n);
        foreach (var (m, n) in t.OnSite) Add(OnSite, m, n);
        foreach (var (m, n) in t.Complete) Add(Complete, m, n);
        foreach (var (pair, shift) in t.TechnicianDays) TechnicianDays.TryAdd(pair, shift);
        foreach (var (due, n) in t.OpenOldPartsByDue) Add(OpenOldPartsByDue, due, n);
    }

    /// <summary>A compact binary form (variable-length integers; histograms as ascending minute deltas) for kpi_store_days.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(Format);
            foreach (var n in Counts()) w.Write7BitEncodedInt64(n);
            foreach (var fen in RevenueFen) w.Write7BitEncodedInt64(fen);
            foreach (var h in new[] { Assign, OnSite, Complete })
            {
                w.Write7BitEncodedInt(h.Count);
                var previous = 0;
                foreach (var m in h.Keys.Order())
                {
                    w.Write7BitEncodedInt(m - previous);
                    w.Write7BitEncodedInt(h[m]);
                    previous = m;
                }
            }
            w.Write7BitEncodedInt(TechnicianDays.Count);
            foreach (var ((tech, day), shift) in TechnicianDays.OrderBy(t => t.Key.Technician, StringComparer.Ordinal).ThenBy(t => t.Key.Day))
            {
                w.Write(tech);
                w.Write7BitEncodedInt(day.DayNumber);
                w.Write7BitEncodedInt(shift);
            }
            w.Write7BitEncodedInt(OpenOldPartsByDue.Count);
            foreach (var (due, n) in OpenOldPartsByDue.OrderBy(p => p.Key))
            {
                w.Write7BitEncodedInt(due.DayNumber);
                w.Write7BitEncodedInt(n);
            }
        }
        return stream.ToArray();
    }

    public static KpiTally FromBytes(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        if (r.ReadByte() != Format) throw new InvalidDataException("Unknown KPI tally format.");
        var t = new KpiTally();
        var counts = new long[CountFields];
        for (var i = 0; i < counts.Length; i++) counts[i] = r.Read7BitEncodedInt64();
        t.SetCounts(counts);
        for (var i = 0; i < t.RevenueFen.Length; i++) t.RevenueFen[i] = r.Read7BitEncodedInt64();
        foreach (var h in new[] { t.Assign, t.OnSite, t.Complete })
        {
            var minute = 0;
            for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            {
                minute += r.Read7BitEncodedInt();
                h[minute] = r.Read7BitEncodedInt();
            }
        }
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            t.TechnicianDays[(r.ReadString(), DateOnly.FromDayNumber(r.Read7BitEncodedInt()))] = r.Read7BitEncodedInt();
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            t.OpenOldPartsByDue[DateOnly.FromDayNumber(r.Read7BitEncodedInt())] = r.Read7BitEncodedInt();
        return t;
    }

    private const int CountFields = 20;

    private long[] Counts() =>
    [
        Orders, Completed, Repairs, FirstTimeFixes, Reworked, Responses, Complaints, TechnicianJobs,
        AssignMet, AssignDecided, OnSiteMet, OnSiteDecided, CompleteMet, CompleteDecided,
        ClaimsFirstPass, ClaimsDecided, OldPartsOnTime, OldPartsClosed, SatisfactionSum, ServiceMinutes,
    ];

    private void SetCounts(long[] c)
    {
        (Orders, Completed, Repairs, FirstTimeFixes, Reworked, Responses, Complaints, TechnicianJobs) =
            ((int)c[0], (int)c[1], (int)c[2], (int)c[3], (int)c[4], (int)c[5], (int)c[6], (int)c[7]);
        (AssignMet, AssignDecided, OnSiteMet, OnSiteDecided, CompleteMet, CompleteDecided) =
            ((int)c[8], (int)c[9], (int)c[10], (int)c[11], (int)c[12], (int)c[13]);
        (ClaimsFirstPass, ClaimsDecided, OldPartsOnTime, OldPartsClosed, SatisfactionSum, ServiceMinutes) =
            ((int)c[14], (int)c[15], (int)c[16], (int)c[17], c[18], c[19]);
    }

    private static void Add<TKey>(Dictionary<TKey, int> histogram, TKey? key, int n) where TKey : struct
    {
        if (key is { } k) histogram[k] = histogram.GetValueOrDefault(k) + n;
    }

    private static void Count(ref int yes, ref int decided, bool? outcome)
    {
        if (outcome is not { } o) return;
        decided++;
        if (o) yes++;
    }
}
