using RepairDispatch.Planning;

namespace RepairDispatch.Tests.Planning;

/// <summary>
/// Which unserved visits a plan could still have served: for each, every technician and every place in the route is
/// tried with the earliest schedule (the break in each gap, before or after the drive), and a place counts only when
/// <see cref="PlanValidator"/> accepts the whole plan with the visit there. None of the optimiser's code is used, so a
/// planner that says "no room" is checked, not trusted. Also compiled into the benchmark tool (`dayplan`).
/// </summary>
public static class RoomCheck
{
    public static IReadOnlyList<string> UnservedThatFit(PlanningProblem problem, PlanResult plan)
    {
        var visits = problem.Visits.ToDictionary(v => v.Id);
        return plan.Unserved.Select(u => visits[u.VisitId]).Where(visit => FitsSomewhere(problem, plan, visits, visit)).Select(v => v.Id)
            .ToList();
    }

    private static bool FitsSomewhere(PlanningProblem problem, PlanResult plan, Dictionary<string, PlanVisit> visits, PlanVisit visit)
    {
        foreach (var route in plan.Routes)
        {
            var vehicle = problem.Vehicles.Single(v => v.Id == route.VehicleId);
            if (!visit.RequiredSkills.IsSubsetOf(vehicle.Skills) || (visit.PinnedVehicle ?? vehicle.Id) != vehicle.Id) continue;
            if (route.Stops.Sum(s => visits[s.VisitId].Demand) + visit.Demand > vehicle.Capacity) continue;
            var stops = route.Stops.Select(s => visits[s.VisitId]).ToList();
            for (var at = 0; at <= stops.Count; at++)
            {
                var candidate = new List<PlanVisit>(stops);
                candidate.Insert(at, visit);
                foreach (var timed in Schedules(problem, vehicle, candidate))
                {
                    var tried = new PlanResult(plan.Routes.Select(r => r == route ? timed : r).ToList(),
                        plan.Unserved.Where(u => u.VisitId != visit.Id).ToList(), plan.TotalTravel - route.Travel + timed.Travel);
                    if (PlanValidator.Violations(problem, tried).Count == 0) return true;
                }
            }
        }
        return false;
    }

    /// <summary>The earliest schedule of the stops in this order for each place of the break that keeps every window and the shift.</summary>
    private static IEnumerable<PlanRoute> Schedules(PlanningProblem problem, PlanVehicle vehicle, List<PlanVisit> stops)
    {
        if (vehicle.Break is null)
        {
            if (Timed(problem, vehicle, stops, -1, false) is { } plain) yield return plain;
            yield break;
        }
        for (var gap = 0; gap <= stops.Count; gap++)
            foreach (var driveFirst in new[] { true, false })
                if (Timed(problem, vehicle, stops, gap, driveFirst) is { } timed) yield return timed;
    }

    private static PlanRoute? Timed(PlanningProblem problem, PlanVehicle vehicle, List<PlanVisit> stops, int breakGap, bool driveFirst)
    {
        var free = vehicle.ShiftStart;
        var node = vehicle.StartNode;
        var travel = 0.0;
        double? breakStart = null;
        var timed = new List<PlanStop>();
        for (var k = 0; k <= stops.Count; k++)
        {
            var last = k == stops.Count;
            var next = last ? vehicle.EndNode : stops[k].Node;
            var drive = problem.Travel.Time(node, next);
            travel += problem.Travel.Cost(node, next);
            var arrival = free + drive;
            var ready = arrival;
            if (k == breakGap && vehicle.Break is { } brk)
            {
                var start = Math.Max(driveFirst ? arrival : free, brk.EarliestStart);
                if (start > brk.LatestStart) return null;
                breakStart = start;
                if (driveFirst) ready = start + brk.Duration;
                else arrival = ready = start + brk.Duration + drive;
            }
            if (last)
            {
                if (ready > vehicle.ShiftEnd) return null;
                return new PlanRoute(vehicle.Id, timed, travel, ready) { BreakStart = breakStart };
            }
            var serviceStart = Math.Max(ready, stops[k].WindowStart);
            if (serviceStart > stops[k].WindowEnd) return null;
            timed.Add(new PlanStop(stops[k].Id, arrival, serviceStart, serviceStart + stops[k].ServiceTime));
            free = serviceStart + stops[k].ServiceTime;
            node = next;
        }
        return null;
    }
}
