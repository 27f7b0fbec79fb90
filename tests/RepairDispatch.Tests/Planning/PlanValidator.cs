using RepairDispatch.Planning;

namespace RepairDispatch.Tests.Planning;

/// <summary>
/// Checks a plan against its problem's hard constraints, with none of the optimiser's code: skills, windows, shifts,
/// capacity, breaks, pins, travel times between stops, every visit served once or listed unserved with a reason, and
/// the reported travel. Also compiled into the benchmark tool (its `dayplan` command counts violations with it).
/// </summary>
public static class PlanValidator
{
    private const double Tolerance = 1e-6;

    public static IReadOnlyList<string> Violations(PlanningProblem problem, PlanResult plan)
    {
        var found = new List<string>();
        var visits = problem.Visits.ToDictionary(v => v.Id);
        var seen = new Dictionary<string, int>();
        void Count(string id) => seen[id] = seen.GetValueOrDefault(id) + 1;

        foreach (var route in plan.Routes)
        {
            var vehicle = problem.Vehicles.FirstOrDefault(v => v.Id == route.VehicleId);
            if (vehicle is null)
            {
                found.Add($"route of unknown vehicle {route.VehicleId}");
                continue;
            }
            foreach (var stop in route.Stops) Count(stop.VisitId);
            if (route.Stops.Any(s => !visits.ContainsKey(s.VisitId)))
                found.Add($"{vehicle.Id}: a stop of an unknown visit");
            else CheckRoute(problem, vehicle, route, route.Stops.Select(s => visits[s.VisitId]).ToList(), found);
        }
        if (plan.Routes.GroupBy(r => r.VehicleId).Any(g => g.Count() > 1)) found.Add("a vehicle has two routes");
        foreach (var unserved in plan.Unserved)
        {
            Count(unserved.VisitId);
            if (string.IsNullOrWhiteSpace(unserved.Reason)) found.Add($"{unserved.VisitId}: unserved without a reason");
        }
        found.AddRange(visits.Keys.Where(id => seen.GetValueOrDefault(id) != 1)
            .Select(id => $"{id}: served or listed {seen.GetValueOrDefault(id)} times"));
        found.AddRange(seen.Keys.Where(id => !visits.ContainsKey(id)).Select(id => $"{id}: not a visit of the problem"));
        if (Math.Abs(plan.Routes.Sum(r => r.Travel) - plan.TotalTravel) > 1e-3) found.Add("total travel is not the routes' sum");
        return found;
    }

    private static void CheckRoute(PlanningProblem problem, PlanVehicle vehicle, PlanRoute route, List<PlanVisit> stops, List<string> found)
    {
        void Fail(string what) => found.Add($"{vehicle.Id}: {what}");
        if (stops.Count == 0) return;
        foreach (var visit in stops.Where(v => !v.RequiredSkills.IsSubsetOf(vehicle.Skills))) Fail($"{visit.Id} needs a skill it lacks");
        if (stops.Sum(v => v.Demand) > vehicle.Capacity) Fail("over capacity");
        CheckPins(problem, vehicle, stops, Fail);

        var travel = 0.0;
        var node = vehicle.StartNode;
        var free = vehicle.ShiftStart;
        var breakSeen = vehicle.Break is null;
        for (var k = 0; k <= stops.Count; k++)
        {
            var last = k == stops.Count;
            var next = last ? vehicle.EndNode : stops[k].Node;
            var drive = problem.Travel.Time(node, next);
            travel += problem.Travel.Cost(node, next);
            var ready = last ? route.End : route.Stops[k].ServiceStart;
            if (!last) CheckStop(stops[k], route.Stops[k], free + drive, Fail);
            var gap = ready - free;
            if (vehicle.Break is { } brk && route.BreakStart is { } b && b >= free - Tolerance && b + brk.Duration <= ready + Tolerance)
            {
                breakSeen = true;
                var driveFits = b >= free + drive - Tolerance || b + brk.Duration + drive <= ready + Tolerance;
                if (!driveFits || b < brk.EarliestStart - Tolerance || b > brk.LatestStart + Tolerance)
                    Fail($"break at {b} outside [{brk.EarliestStart}, {brk.LatestStart}] or overlapping the drive");
                gap -= brk.Duration;
            }
            if (gap < drive - Tolerance) Fail($"not enough time to drive to {(last ? "the end" : stops[k].Id)}");
            free = last ? route.End : route.Stops[k].Departure;
            node = next;
        }
        if (!breakSeen) Fail("no break between stops");
        if (route.End > vehicle.ShiftEnd + Tolerance) Fail($"back at {route.End}, after the shift end {vehicle.ShiftEnd}");
        if (Math.Abs(travel - route.Travel) > 1e-3) Fail($"travel {route.Travel} reported, {travel} measured");
    }

    private static void CheckStop(PlanVisit visit, PlanStop stop, double earliestArrival, Action<string> fail)
    {
        if (stop.ServiceStart < visit.WindowStart - Tolerance || stop.ServiceStart > visit.WindowEnd + Tolerance)
            fail($"{visit.Id} starts at {stop.ServiceStart}, outside [{visit.WindowStart}, {visit.WindowEnd}]");
        if (stop.ServiceStart < stop.Arrival - Tolerance || stop.Arrival < earliestArrival - Tolerance)
            fail($"{visit.Id}: service before arrival, or arrival before it could get there");
        if (Math.Abs(stop.Departure - stop.ServiceStart - visit.ServiceTime) > Tolerance) fail($"{visit.Id}: service time not kept");
    }

    /// <summary>Pinned visits on their vehicle, ahead of every other visit, in the problem's order.</summary>
    private static void CheckPins(PlanningProblem problem, PlanVehicle vehicle, List<PlanVisit> stops, Action<string> fail)
    {
        foreach (var visit in stops.Where(v => v.PinnedVehicle is not null && v.PinnedVehicle != vehicle.Id))
            fail($"{visit.Id} is pinned to {visit.PinnedVehicle}");
        var pinnedHere = stops.TakeWhile(v => v.PinnedVehicle == vehicle.Id).ToList();
        if (stops.Skip(pinnedHere.Count).Any(v => v.PinnedVehicle == vehicle.Id)) fail("a pinned visit after an unpinned one");
        var order = problem.Visits.Where(v => v.PinnedVehicle == vehicle.Id).ToList();
        var positions = pinnedHere.Select(v => order.IndexOf(v)).ToList();
        if (!positions.SequenceEqual(positions.Order()))
            fail("pinned visits out of order");
    }
}
