using RepairDispatch.Planning;

namespace RepairDispatch.Tests.Planning;

public class DayPlannerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly PlanSearchOptions Deterministic = PlanSearchOptions.Deterministic(iterations: 3000);

    public static TheoryData<int> Seeds(int first, int count) => [.. Enumerable.Range(first, count)];

    [Theory]
    [MemberData(nameof(Seeds), 1, 5)]
    public void Plans_never_violate_a_hard_constraint(int seed)
    {
        var problem = RandomScenario.Generate(seed);

        var plan = DayPlanner.Solve(problem, Limit, options: Deterministic);

        PlanValidator.Violations(problem, plan).Should().BeEmpty();
        plan.Routes.Select(r => r.VehicleId).Should().BeEquivalentTo(problem.Vehicles.Select(v => v.Id));
    }

    [Theory]
    [MemberData(nameof(Seeds), 6, 3)]
    public void Pinned_visits_stay_first_on_their_technician(int seed)
    {
        var problem = RandomScenario.Generate(seed);

        var plan = DayPlanner.Solve(problem, Limit, options: Deterministic);

        foreach (var pinned in problem.Visits.Where(v => v.PinnedVehicle is not null))
            plan.Routes.Single(r => r.VehicleId == pinned.PinnedVehicle).Stops[0].VisitId.Should().Be(pinned.Id);
    }

    [Fact]
    public void Visits_no_one_can_serve_are_unserved_with_why()
    {
        var problem = RandomScenario.Generate(9);

        var plan = DayPlanner.Solve(problem, Limit, options: Deterministic);

        var unserved = plan.Unserved.ToDictionary(u => u.VisitId, u => u.Reason);
        foreach (var visit in problem.Visits.Where(v => v.RequiredSkills.Contains("gas-licence")))
            unserved[visit.Id].Should().Contain("no technician has every required skill (gas-licence)");
        foreach (var visit in problem.Visits.Where(v => v.WindowStart >= 1100 && !v.RequiredSkills.Contains("gas-licence")))
            unserved[visit.Id].Should().Contain("within its window [1100, 1200]");
    }

    [Fact]
    public void A_day_with_too_many_visits_leaves_some_out_for_lack_of_room()
    {
        var problem = RandomScenario.Generate(10, technicians: 2, visits: 40);

        var plan = DayPlanner.Solve(problem, Limit, options: Deterministic);

        PlanValidator.Violations(problem, plan).Should().BeEmpty();
        plan.Unserved.Should().Contain(u => u.Reason.StartsWith("no room"));
        RoomCheck.UnservedThatFit(problem, plan).Should().BeEmpty("no visit is left out while a technician still has room for it");
    }

    [Theory]
    [MemberData(nameof(Seeds), 20, 6)]
    public void A_short_search_on_an_overfull_day_still_leaves_no_visit_out_that_fits(int seed)
    {
        var problem = RandomScenario.Generate(seed, technicians: 10, visits: 200);

        // Five steps: the polish at the end of so short a search moves visits between routes, which can open room.
        var plan = DayPlanner.Solve(problem, Limit, options: PlanSearchOptions.Deterministic(iterations: 5));

        PlanValidator.Violations(problem, plan).Should().BeEmpty();
        RoomCheck.UnservedThatFit(problem, plan).Should().BeEmpty();
    }

    [Fact]
    public void The_room_check_finds_visits_a_plan_left_out_though_a_technician_had_room()
    {
        var problem = RandomScenario.Generate(9);
        var reason = new UnservedReason("test", new Dictionary<string, string>(), "left out");
        var nothingPlanned = new PlanResult(problem.Vehicles.Select(v => new PlanRoute(v.Id, [], 0, v.ShiftStart)).ToList(),
            problem.Visits.Select(v => new UnservedVisit(v.Id, reason)).ToList(), 0);

        var fit = RoomCheck.UnservedThatFit(problem, nothingPlanned);

        var servedByTheOptimiser = DayPlanner.Solve(problem, Limit, options: Deterministic).Routes.SelectMany(r => r.Stops).Select(s => s.VisitId);
        fit.Should().Contain(servedByTheOptimiser).And.NotContain(problem.Visits
            .Where(v => v.RequiredSkills.Contains("gas-licence") || v.WindowStart >= 1100).Select(v => v.Id));
    }

    [Fact]
    public void Reports_progress_and_stops_on_cancellation_with_a_valid_plan()
    {
        var problem = RandomScenario.Generate(11);
        var phases = new List<string>();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var plan = DayPlanner.Solve(problem, TimeSpan.FromMinutes(10), new SynchronousProgress(p => phases.Add(p.Phase)), cancelled.Token);

        PlanValidator.Violations(problem, plan).Should().BeEmpty();
        phases.Should().Contain("construction").And.Contain("done");
    }

    [Fact]
    public void An_empty_day_gives_every_technician_an_empty_route()
    {
        var problem = RandomScenario.Generate(12) with { Visits = [] };

        var plan = DayPlanner.Solve(problem, Limit, options: Deterministic);

        plan.Routes.Should().HaveCount(problem.Vehicles.Count).And.OnlyContain(r => r.Stops.Count == 0 && r.Travel == 0);
    }

    [Fact]
    public void One_thread_with_a_seed_and_an_iteration_budget_gives_the_same_plan_every_time()
    {
        var problem = RandomScenario.Generate(13);

        var first = DayPlanner.Solve(problem, Limit, options: Deterministic);
        var second = DayPlanner.Solve(problem, Limit, options: Deterministic);
        var otherSeed = DayPlanner.Solve(problem, Limit, options: PlanSearchOptions.Deterministic(iterations: 3000, seed: 7));

        second.Routes.Select(r => r.Stops.Select(s => s.VisitId)).Should().BeEquivalentTo(first.Routes.Select(r => r.Stops.Select(s => s.VisitId)),
            o => o.WithStrictOrdering());
        second.TotalTravel.Should().Be(first.TotalTravel);
        PlanValidator.Violations(problem, otherSeed).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Seeds), 14, 2)]
    public void Parallel_searches_sharing_their_best_plan_keep_every_hard_constraint(int seed)
    {
        var problem = RandomScenario.Generate(seed);

        var plan = DayPlanner.Solve(problem, Limit, options: new PlanSearchOptions(Threads: 3, Iterations: 2000));

        PlanValidator.Violations(problem, plan).Should().BeEmpty();
        plan.Routes.Select(r => r.VehicleId).Should().BeEquivalentTo(problem.Vehicles.Select(v => v.Id));
        plan.Unserved.Select(u => u.VisitId).Concat(plan.Routes.SelectMany(r => r.Stops.Select(s => s.VisitId)))
            .Should().BeEquivalentTo(problem.Visits.Select(v => v.Id));
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<PlanProgress> report) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) => report(value);
    }
}
