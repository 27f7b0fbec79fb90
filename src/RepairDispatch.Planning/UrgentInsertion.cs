using RepairDispatch.Planning.Engine;

namespace RepairDispatch.Planning;

/// <summary>
/// Puts one new (urgent) visit into a plan that is already running, at the cheapest feasible place, without moving
/// anything that has started: only one route changes, and only after its started stops.
/// </summary>
public static class UrgentInsertion
{
    /// <summary>
    /// Inserts <paramref name="urgent"/> into <paramref name="current"/>.
    /// <list type="bullet">
    /// <item><paramref name="problem"/>: the day's vehicles, visits (every visit on a route of <paramref name="current"/>;
    /// <paramref name="urgent"/> need not be among them) and travel matrix, which must know the urgent visit's node.</item>
    /// <item><paramref name="startedStopsPerVehicle"/>: per vehicle id, how many leading stops of its route have started
    /// (missing = none). They keep their place and times, and pinned visits stay ahead of the new one; the rest of a changed route is re-timed from the last started
    /// stop's departure (or the shift start), but never from before <paramref name="notBefore"/> ("now").</item>
    /// <item>Every stop of the changed route keeps its window, the shift end, the capacity and the break; the urgent visit's
    /// service starts at or after <paramref name="notBefore"/> with a technician having its skills.</item>
    /// </list>
    /// Returns the new plan; routes other than the changed one are returned as they were. When no route can take the
    /// visit, the plan is unchanged and the visit is added to <see cref="PlanResult.Unserved"/> with why.
    /// </summary>
    public static PlanResult Insert(PlanningProblem problem, PlanResult current, IReadOnlyDictionary<string, int> startedStopsPerVehicle,
        PlanVisit urgent, double notBefore)
    {
        var visits = problem.Visits.Where(v => v.Id != urgent.Id).Append(urgent with { PinnedVehicle = null }).ToList();
        var p = new CompiledProblem(problem with { Visits = visits });
        var urgentIndex = visits.Count - 1;
        var visitIndex = visits.Select((v, i) => (v.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var best = (Route: (Route?)null, Plan: (PlanRoute?)null, Started: 0, Cost: double.MaxValue);
        foreach (var plan in current.Routes)
        {
            var vehicle = IndexOfVehicle(problem, plan.VehicleId);
            var started = Math.Clamp(startedStopsPerVehicle.GetValueOrDefault(plan.VehicleId), 0, plan.Stops.Count);
            var route = new Route(p, vehicle, OriginAfter(p, vehicle, plan, started, notBefore, visitIndex));
            foreach (var stop in plan.Stops.Skip(started))
                route.Visits.Add(visitIndex.TryGetValue(stop.VisitId, out var index) ? index
                    : throw new ArgumentException($"Visit {stop.VisitId} of {plan.VehicleId}'s route is not in the problem."));
            route.Fixed = route.Visits.TakeWhile(visit => visits[visit].PinnedVehicle == plan.VehicleId).Count();
            route.Refresh();
            if (!route.CanTake(urgentIndex)) continue;
            for (var position = route.Fixed; position <= route.Visits.Count; position++)
            {
                var cost = route.InsertionCost(urgentIndex, position);
                if (cost >= best.Cost || !route.CanInsert(urgentIndex, position)) continue;
                var changed = route.Clone();
                changed.Insert(urgentIndex, position);
                if (changed.Feasible) best = (changed, plan, started, cost);
            }
        }

        if (best.Route is null || best.Plan is null)
        {
            var why = Servability.WhyImpossible(p, urgentIndex) ?? Servability.NoRoom(p, urgentIndex);
            return current with { Unserved = [.. current.Unserved, new UnservedVisit(urgent.Id, why)] };
        }
        var prefix = best.Plan.Stops.Take(best.Started).ToList();
        var replaced = ResultBuilder.Route(p, best.Route, prefix, PrefixTravel(p, best.Route.Vehicle, prefix, visitIndex),
            best.Started > 0 ? best.Plan.BreakStart : null);
        var routes = current.Routes.Select(r => r == best.Plan ? replaced : r).ToList();
        return ResultBuilder.Build(p, routes, current.Unserved.Where(u => u.VisitId != urgent.Id));
    }

    private static int IndexOfVehicle(PlanningProblem problem, string id)
    {
        for (var v = 0; v < problem.Vehicles.Count; v++)
            if (problem.Vehicles[v].Id == id) return v;
        throw new ArgumentException($"The plan's vehicle {id} is not in the problem.");
    }

    /// <summary>From the last started stop (its break counts as taken if it began before), else from the start; not before now.</summary>
    private static RouteOrigin OriginAfter(CompiledProblem p, int vehicle, PlanRoute plan, int started, double notBefore,
        Dictionary<string, int> visitIndex)
    {
        if (started == 0)
        {
            var start = Servability.StartOf(p, vehicle);
            return start with { Time = Math.Max(start.Time, notBefore) };
        }
        var last = plan.Stops[started - 1];
        var breakTaken = plan.BreakStart is { } b && b < last.Departure;
        var load = plan.Stops.Take(started).Sum(s => p.Demand[visitIndex[s.VisitId]]);
        return new RouteOrigin(p.VisitNode[visitIndex[last.VisitId]], Math.Max(last.Departure, notBefore), breakTaken, MidRoute: true, load);
    }

    private static double PrefixTravel(CompiledProblem p, int vehicle, IReadOnlyList<PlanStop> prefix, Dictionary<string, int> visitIndex)
    {
        var travel = 0.0;
        var node = p.StartNode[vehicle];
        foreach (var stop in prefix)
        {
            var next = p.VisitNode[visitIndex[stop.VisitId]];
            travel += p.Cost(node, next);
            node = next;
        }
        return travel;
    }
}
