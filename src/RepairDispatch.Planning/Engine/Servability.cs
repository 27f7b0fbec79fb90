using System.Globalization;

namespace RepairDispatch.Planning.Engine;

/// <summary>Why a visit is left out, in words a dispatcher can act on.</summary>
internal static class Servability
{
    /// <summary>Null when some vehicle could serve the visit on a route of its own; else why none can.</summary>
    public static UnservedReason? WhyImpossible(CompiledProblem p, int visit)
    {
        var v = p.Visits[visit];
        if (v.PinnedVehicle is not null && p.Vehicles.All(x => x.Id != v.PinnedVehicle))
            return Why("pinned-absent", $"pinned to technician {v.PinnedVehicle}, who is not in the plan", ("technician", v.PinnedVehicle));
        var qualified = Enumerable.Range(0, p.Vehicles.Count).Where(x => p.Allowed(visit, x)).ToList();
        if (qualified.Count == 0)
            return v.PinnedVehicle is null
                ? Why("no-skills", $"no technician has every required skill ({Skills(v)})", ("skills", Skills(v)))
                : Why("pinned-lacks-skill", $"pinned to technician {v.PinnedVehicle}, who lacks a required skill ({Skills(v)})",
                    ("technician", v.PinnedVehicle), ("skills", Skills(v)));
        if (qualified.All(x => p.Vehicles[x].Capacity < v.Demand))
            return Why("demand-exceeds", Inv($"its demand {v.Demand} exceeds the capacity of every technician with the skills"), ("demand", Inv($"{v.Demand}")));
        var reachable = qualified.Any(x =>
        {
            var alone = new Route(p, x, StartOf(p, x));
            return alone.CanTake(visit) && alone.CanInsert(visit, 0);
        });
        return reachable ? null
            : Why("no-window", $"no technician with the skills can serve it within its window {Window(v)} inside their shift (travel, break and shift end included)",
                ("window", Window(v)));
    }

    public static UnservedReason NoRoom(CompiledProblem p, int visit)
    {
        var v = p.Visits[visit];
        var qualified = Enumerable.Range(0, p.Vehicles.Count).Count(x => p.Allowed(visit, x));
        return Why("no-room", $"no room: the {qualified} technician(s) with the skills have no free time or capacity for it within its window {Window(v)}",
            ("qualified", Inv($"{qualified}")), ("window", Window(v)));
    }

    public static UnservedReason PinnedOutOfReach(PlanVisit v) =>
        Why("pinned-out-of-reach", $"pinned to technician {v.PinnedVehicle}, but after the visits pinned before it there is no time left for its window {Window(v)}",
            ("technician", v.PinnedVehicle ?? ""), ("window", Window(v)));

    private static UnservedReason Why(string code, string text, params (string Name, string? Value)[] args) =>
        new(code, args.ToDictionary(a => a.Name, a => a.Value ?? ""), text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public static RouteOrigin StartOf(CompiledProblem p, int vehicle) =>
        new(p.StartNode[vehicle], p.Vehicles[vehicle].ShiftStart, BreakTaken: false);

    private static string Skills(PlanVisit v) => string.Join(", ", v.RequiredSkills.Order(StringComparer.Ordinal));

    private static string Window(PlanVisit v) =>
        string.Create(CultureInfo.InvariantCulture, $"[{v.WindowStart:0.##}, {v.WindowEnd:0.##}]");
}
