using RepairDispatch.Planning;

namespace RepairDispatch.Tests.Planning;

public class UrgentInsertionTests
{
    [Theory]
    [MemberData(nameof(DayPlannerTests.Seeds), 21, 4, MemberType = typeof(DayPlannerTests))]
    public void Keeps_every_visit_feasible_and_started_stops_where_they_were(int seed)
    {
        var (problem, plan) = PlannedDay(seed);
        var random = new Random(seed);
        var started = plan.Routes.ToDictionary(r => r.VehicleId, r => random.Next(r.Stops.Count + 1));
        var now = 600.0;
        var urgent = new PlanVisit("urgent", problem.Visits[0].Node, 480, 1080, 30, 1, new HashSet<string> { "washer" });

        var updated = UrgentInsertion.Insert(problem, plan, started, urgent, now);

        var withUrgent = problem with { Visits = [.. problem.Visits, urgent] };
        PlanValidator.Violations(withUrgent, updated).Should().BeEmpty();
        foreach (var before in plan.Routes)
        {
            var after = updated.Routes.Single(r => r.VehicleId == before.VehicleId);
            after.Stops.Take(started[before.VehicleId]).Should().Equal(before.Stops.Take(started[before.VehicleId]));
            if (!after.Stops.Any(s => s.VisitId == "urgent")) after.Should().Be(before);
        }
        var placed = updated.Routes.SelectMany(r => r.Stops).SingleOrDefault(s => s.VisitId == "urgent");
        if (placed is null) updated.Unserved.Should().Contain(u => u.VisitId == "urgent");
        else placed.ServiceStart.Should().BeGreaterThanOrEqualTo(now);
    }

    [Fact]
    public void Goes_to_the_cheapest_feasible_place_when_there_is_room()
    {
        var (problem, plan) = PlannedDay(25, visits: 8);
        var urgent = new PlanVisit("urgent", problem.Visits[^1].Node, 480, 1080, 10, 1, new HashSet<string>(problem.Visits[^1].RequiredSkills));

        var updated = UrgentInsertion.Insert(problem, plan, new Dictionary<string, int>(), urgent, 480);

        updated.Routes.SelectMany(r => r.Stops).Should().Contain(s => s.VisitId == "urgent");
        updated.TotalTravel.Should().BeGreaterThanOrEqualTo(plan.TotalTravel - 1e-9);
    }

    [Fact]
    public void A_visit_nobody_is_skilled_for_is_unserved_and_the_plan_unchanged()
    {
        var (problem, plan) = PlannedDay(26);
        var urgent = new PlanVisit("urgent", problem.Visits[0].Node, 480, 1080, 30, 1, new HashSet<string> { "gas-licence" });

        var updated = UrgentInsertion.Insert(problem, plan, new Dictionary<string, int>(), urgent, 600);

        updated.Routes.Should().Equal(plan.Routes);
        updated.Unserved.Should().ContainSingle(u => u.VisitId == "urgent").Which.Reason.Should().Contain("gas-licence");
    }

    private static (PlanningProblem Problem, PlanResult Plan) PlannedDay(int seed, int visits = 24)
    {
        var problem = RandomScenario.Generate(seed, visits: visits);
        return (problem, DayPlanner.Solve(problem, TimeSpan.FromSeconds(30), options: PlanSearchOptions.Deterministic(iterations: 2000)));
    }
}
