using System.Globalization;

namespace RepairDispatch.Planning.Engine;

/// <summary>Why a visit is left out, in words a dispatcher can act on.</summary>
internal static class Servability
{
    /// <summary>Null when some vehicle could serve the visit on a route of its own; else why none can.</summary>
    public static string? WhyImpossible(CompiledProblem p, int visit)
    {
        var v = p.Visits[visit];
        if (v.PinnedVehicle is not null && p.Vehicles.All(x => x.Id != v.PinnedVehicle))
            return $"pinned to technician {v.PinnedVehicle}, who is not in the plan";
        var qualified = Enumerable.Range(0, p.Vehicles.Count).Where(x => p.Allowed(visit, x)).ToList();
        if (qualified.Count == 0)
            return v.PinnedVehicle is null
                ? $"no technician has every required skill ({Skills(v)})"
                : $"pinned to technician {v.PinnedVehicle}, who lacks a required skill ({Skills(v)})";
        if (qualified.All(x => p.Vehicles[x].Capacity < v.Demand))
            return $"its demand {v.Demand} exceeds the capacity of every technician with the skills";
        var reachable = qualified.Any(x =>
        {
            var alone = new Route(p, x, StartOf(p, x));
            return alone.CanTake(visit) && alone.CanInsert(visit, 0);
        });
        return reachable ? null
            : $"no technician with the skills can serve it within its window {Window(v)} inside their shift (travel, break and shift end included)";
    }

    public static string NoRoom(CompiledProblem p, int visit)
    {
        var v = p.Visits[visit];
        var qualified = Enumerable.Range(0, p.Vehicles.Count).Count(x => p.Allowed(visit, x));
        return $"no room: the {qualified} technician(s) with the skills have no free time or capacity for it within its window {Window(v)}";
    }

    public static string PinnedOutOfReach(PlanVisit v) =>
        $"pinned to technician {v.PinnedVehicle}, but after the visits pinned before it there is no time left for its window {Window(v)}";

    public static RouteOrigin StartOf(CompiledProblem p, int vehicle) =>
        new(p.StartNode[vehicle], p.Vehicles[vehicle].ShiftStart, BreakTaken: false);

    private static string Skills(PlanVisit v) => string.Join(", ", v.RequiredSkills.Order(StringComparer.Ordinal));

    private static string Window(PlanVisit v) =>
        string.Create(CultureInfo.InvariantCulture, $"[{v.WindowStart:0.##}, {v.WindowEnd:0.##}]");
}
