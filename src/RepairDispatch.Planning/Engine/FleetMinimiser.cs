namespace RepairDispatch.Planning.Engine;

/// <summary>
/// Route elimination (SISR's fleet minimisation): empty the smallest route, take its vehicle away, and ruin and
/// recreate until every visit is back in the remaining routes. A candidate is kept when it leaves fewer visits out,
/// or when the visits it leaves out have been out less often (their absence counts), which steers the search to
/// place the hard visits first. Repeats until a route cannot be eliminated within the time share. A search that
/// sees another one serve every visit with fewer vehicles goes on from that plan.
/// </summary>
internal sealed class FleetMinimiser(Ruin ruin, Recreate recreate, SharedBest shared)
{
    /// <param name="lowerBound">No fewer vehicles can serve every visit: stop there.</param>
    public Solution Run(Solution start, SearchClock clock, double untilFraction, int visitCount, int lowerBound)
    {
        var best = start;
        var absences = new int[visitCount];
        while (!clock.Reached(untilFraction) && best.Unassigned.Count == 0 && best.VehiclesUsed > lowerBound)
        {
            var victim = best.Routes.Where(r => r.Visits.Count > 0 && r.Fixed == 0).MinBy(r => r.Visits.Count);
            if (victim is null) break;
            var current = WithoutRoute(best, victim.Vehicle);
            var currentAbsence = Absence(absences, current.Unassigned);
            while (current.Unassigned.Count > 0 && !clock.Reached(untilFraction))
            {
                if (shared.FewestVehiclesServingAll < best.VehiclesUsed) break;
                var candidate = current.Branch();
                ruin.Run(candidate);
                recreate.Run(candidate);
                var candidateAbsence = Absence(absences, candidate.Unassigned);
                if (candidate.Feasible && (candidate.Unassigned.Count < current.Unassigned.Count || candidateAbsence < currentAbsence))
                {
                    current = candidate;
                    currentAbsence = candidateAbsence;
                }
                foreach (var visit in current.Unassigned) absences[visit]++;
                currentAbsence += current.Unassigned.Count;
                clock.Report("vehicles", best.VehiclesUsed);
            }
            if (current.Unassigned.Count == 0)
            {
                best = current;
                shared.Offer(best);
            }
            else if (shared.FewestVehiclesServingAll < best.VehiclesUsed && shared.BetterThan(best) is { } fewer) best = fewer;
            else break;
            clock.Report("vehicles", best.VehiclesUsed, now: true);
        }
        return best;
    }

    private static int Absence(int[] absences, List<int> visits) => visits.Sum(v => absences[v]);

    /// <summary>Only the vehicles in use stay usable, less the one whose visits are taken out.</summary>
    private static Solution WithoutRoute(Solution s, int vehicle)
    {
        var next = s.Clone();
        var route = next.Routes[vehicle];
        next.Unassigned.AddRange(route.Visits);
        route.Visits.Clear();
        route.Refresh();
        for (var v = 0; v < next.Routes.Length; v++) next.Usable[v] = next.Routes[v].Visits.Count > 0;
        return next;
    }
}
