using RepairDispatch.Planning;

namespace RepairDispatch.Benchmarks.Planning;

/// <summary>
/// The day as the front desk books it: the requested city day's calls come in a random order (their own random stream)
/// and a call is booked only when the day booked so far still has room for it (the cheapest feasible insertion, anything
/// may move; started visits first, each on its technician); the others are offered another day. Every booked visit is
/// servable: the booking's own plan serves them all, and <see cref="DayPlanCommand"/> has the validator check it.
/// </summary>
public static class BookedDay
{
    public static (PlanningProblem Problem, PlanResult Booking) Book(PlanningProblem requested, int seed)
    {
        var calls = new Random(seed + 104729);
        var order = requested.Visits.Where(v => v.PinnedVehicle is not null)
            .Concat(requested.Visits.Where(v => v.PinnedVehicle is null).OrderBy(_ => calls.Next()));
        var booking = new PlanResult(requested.Vehicles.Select(v => new PlanRoute(v.Id, [], 0, v.ShiftStart)).ToList(), [], 0);
        var nothingStarted = new Dictionary<string, int>();
        foreach (var call in order)
            booking = GreedyBaseline.Place(requested, booking, nothingStarted, call);
        var refused = booking.Unserved.Select(u => u.VisitId).ToHashSet();
        var booked = requested with { Visits = [.. requested.Visits.Where(v => !refused.Contains(v.Id))] };
        return (booked, booking with { Unserved = [] });
    }
}
