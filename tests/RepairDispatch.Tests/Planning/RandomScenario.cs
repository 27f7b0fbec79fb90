using System.Globalization;
using RepairDispatch.Planning;

namespace RepairDispatch.Tests.Planning;

/// <summary>
/// Small seeded days (minutes since midnight, a 40 × 40 km square at 40 km/h): technicians with some of three skills
/// and a lunch break, visits with morning, afternoon or all-day windows, and at the head of two technicians' days a
/// pinned visit near home that fits any day. Some visits need a skill nobody has or come after every shift.
/// </summary>
public static class RandomScenario
{
    private static readonly string[] Skills = ["washer", "fridge", "oven"];

    public static PlanningProblem Generate(int seed, int technicians = 4, int visits = 24)
    {
        var random = new Random(seed);
        var points = new List<(double X, double Y)>();
        int Place(double x, double y)
        {
            points.Add((x, y));
            return points.Count - 1;
        }

        var vehicles = Enumerable.Range(0, technicians).Select(k =>
        {
            var home = Place(random.NextDouble() * 40, random.NextDouble() * 40);
            var skills = Skills.Where(_ => random.NextDouble() < 0.6).Append(Skills[k % Skills.Length]).ToHashSet();
            return new PlanVehicle($"tech-{k}", home, home, 480, 1080, random.Next(5, 9), skills,
                random.NextDouble() < 0.75 ? new PlanBreak(690, 810, 30) : null);
        }).ToList();

        var list = new List<PlanVisit>();
        foreach (var (vehicle, k) in vehicles.Take(2).Select((v, k) => (v, k)))
        {
            var (x, y) = points[vehicle.StartNode];
            list.Add(new PlanVisit($"pinned-{k}", Place(x + 1, y + 1), 480, 1080, 30, 1,
                new HashSet<string> { vehicle.Skills.First() }, vehicle.Id));
        }
        for (var k = 0; k < visits; k++)
        {
            var (from, to) = random.Next(10) switch { < 4 => (480.0, 720.0), < 8 => (780.0, 1020.0), _ => (480.0, 1080.0) };
            var skill = k % 11 == 10 ? "gas-licence" : Skills[random.Next(Skills.Length)];
            if (k % 13 == 12) (from, to) = (1100, 1200);
            list.Add(new PlanVisit(string.Create(CultureInfo.InvariantCulture, $"visit-{k}"), Place(random.NextDouble() * 40, random.NextDouble() * 40),
                from, to, random.Next(20, 61), random.Next(1, 3), new HashSet<string> { skill }));
        }
        return new PlanningProblem(vehicles, list, new PlaneMatrix(points));
    }

    private sealed class PlaneMatrix(List<(double X, double Y)> points) : ITravelMatrix
    {
        public int NodeCount => points.Count;
        public double Cost(int from, int to) => Math.Sqrt(Math.Pow(points[from].X - points[to].X, 2) + Math.Pow(points[from].Y - points[to].Y, 2));
        public double Time(int from, int to) => Cost(from, to) * 1.5;
    }
}
