namespace RepairDispatch.Planning.Engine;

/// <summary>
/// Where and when a route's free part begins: the vehicle's start at its shift start, or (<paramref name="MidRoute"/>)
/// the last started stop, from where the vehicle still has to get home, having served <paramref name="LoadBefore"/> already.
/// </summary>
internal readonly record struct RouteOrigin(int Node, double Time, bool BreakTaken, bool MidRoute = false, int LoadBefore = 0);

/// <summary>The times of one route, each service as early as its window allows (waiting when early).</summary>
internal static class Schedule
{
    /// <summary>
    /// Simulates the route from <paramref name="origin"/> through <paramref name="visits"/> to the vehicle's end node.
    /// The break is taken while waiting for a window when the wait covers it, else as late as possible: just before the
    /// first visit that would end after the break's latest start (at that visit, or before leaving the previous place
    /// when arriving would be too late). False when a window, the break or the shift end cannot be kept.
    /// An empty route that is not mid-route is idle: it ends at its origin time.
    /// </summary>
    public static bool TrySimulate(CompiledProblem p, int vehicle, RouteOrigin origin, ReadOnlySpan<int> visits,
        Span<double> arrival, Span<double> start, out double end, out double breakStart)
    {
        end = origin.Time;
        breakStart = double.NaN;
        if (visits.IsEmpty && !origin.MidRoute) return true;
        var pendingBreak = origin.BreakTaken ? null : p.Vehicles[vehicle].Break;
        var t = origin.Time;
        var node = origin.Node;
        for (var k = 0; k < visits.Length; k++)
        {
            var visit = visits[k];
            var travel = p.Time(node, p.VisitNode[visit]);
            var arrive = t + travel;
            var begin = Math.Max(arrive, p.WindowStart[visit]);
            if (pendingBreak is not null)
            {
                var onArrival = Math.Max(arrive, pendingBreak.EarliestStart);
                var coveredByWait = onArrival <= pendingBreak.LatestStart && onArrival + pendingBreak.Duration <= begin;
                if (coveredByWait || begin + p.Service[visit] > pendingBreak.LatestStart)
                {
                    if (!TryPlaceBreak(pendingBreak, t, travel, ref arrive, out breakStart)) return false;
                    begin = Math.Max(p.WindowStart[visit], Math.Max(arrive, breakStart + pendingBreak.Duration));
                    pendingBreak = null;
                }
            }
            if (begin > p.WindowEnd[visit] + CompiledProblem.Epsilon) return false;
            arrival[k] = arrive;
            start[k] = begin;
            t = begin + p.Service[visit];
            node = p.VisitNode[visit];
        }

        var homeTravel = p.Time(node, p.EndNode[vehicle]);
        end = t + homeTravel;
        if (pendingBreak is not null)
        {
            if (!TryPlaceBreak(pendingBreak, t, homeTravel, ref end, out breakStart)) return false;
            end = Math.Max(end, breakStart + pendingBreak.Duration);
        }
        return end <= p.Vehicles[vehicle].ShiftEnd + CompiledProblem.Epsilon;
    }

    /// <summary>The break on arrival when it can still start in time, else before leaving (arrival moves later).</summary>
    private static bool TryPlaceBreak(PlanBreak brk, double departure, double travel, ref double arrive, out double breakStart)
    {
        breakStart = Math.Max(arrive, brk.EarliestStart);
        if (breakStart <= brk.LatestStart + CompiledProblem.Epsilon) return true;
        breakStart = Math.Max(departure, brk.EarliestStart);
        if (breakStart > brk.LatestStart + CompiledProblem.Epsilon) return false;
        arrive = breakStart + brk.Duration + travel;
        return true;
    }
}
