using System.Globalization;
using RepairDispatch.Planning;

namespace RepairDispatch.Benchmarks.Planning;

/// <summary>
/// A generated city-sized day for a repair station, in minutes since midnight and kilometres: technicians with skills
/// across nine appliance categories (half of them also install), homes and customers spread over a city about 30 km
/// across, shifts 08:00–18:00 with a 30-minute lunch break starting 11:30–13:30, appointments in the morning (08–12),
/// the afternoon (13–18) or all day (the service starts inside it), repairs of 45–90 minutes and installations of 90–150, 10–12 jobs a technician.
/// Travel is the great-circle distance × 1.3 (roads) at 30 km/h. On top of that (from a second random stream, so the day
/// above stays the same for a seed): a fifth of the visits need a manufacturer's certification (three brands; each
/// technician holds each with probability one half), and every tenth technician has a started visit pinned first on
/// the day (a job begun before the plan: its window 08:00–10:30, one of the technician's categories).
/// </summary>
public static class CityDay
{
    public const string Installation = "installation";

    public static readonly string[] Categories =
        ["washing-machine", "dryer", "dishwasher", "refrigerator", "freezer", "oven", "hob", "range-hood", "air-conditioner"];

    private const double CentreLatitude = 48.137;
    private const double CentreLongitude = 11.575;
    private const double CityRadiusKm = 15;
    private const double InstallationShare = 0.25;
    private const double CertifiedShare = 0.2;
    private const int PinnedEveryNthTechnician = 10;

    public static readonly string[] Brands = ["cert-brand-a", "cert-brand-b", "cert-brand-c"];

    public static PlanningProblem Generate(int technicians, int visits, int seed)
    {
        var random = new Random(seed);
        var points = new List<(double Lat, double Lon)>();
        int Place()
        {
            points.Add(RandomPoint(random));
            return points.Count - 1;
        }

        var visitList = Enumerable.Range(1, visits).Select(k => Visit(random, k, Place())).ToList();
        var vehicles = Enumerable.Range(1, technicians).Select(k => Technician(random, k, Place())).ToList();
        var extra = new Random(seed + 7919);
        visitList = visitList.Select(v => extra.NextDouble() < CertifiedShare
            ? v with { RequiredSkills = new HashSet<string>(v.RequiredSkills) { Brands[extra.Next(Brands.Length)] } }
            : v).ToList();
        vehicles = vehicles.Select(v => v with { Skills = new HashSet<string>(v.Skills.Concat(Brands.Where(_ => extra.NextDouble() < 0.5))) })
            .ToList();
        var pinned = 0;
        for (var t = 0; t < vehicles.Count && pinned < visitList.Count; t += PinnedEveryNthTechnician)
        {
            var k = visitList.Count - 1 - pinned++;
            var category = vehicles[t].Skills.Where(Categories.Contains).OrderBy(c => c, StringComparer.Ordinal).ElementAt(0);
            visitList[k] = visitList[k] with
            {
                WindowStart = 8 * 60, WindowEnd = 10.5 * 60, RequiredSkills = new HashSet<string> { category },
                PinnedVehicle = vehicles[t].Id,
            };
        }
        return new PlanningProblem(vehicles, visitList, new CityMatrix(points));
    }

    private static PlanVisit Visit(Random random, int number, int node)
    {
        var category = Categories[random.Next(Categories.Length)];
        var installation = random.NextDouble() < InstallationShare;
        var (from, to) = random.NextDouble() switch
        {
            < 0.45 => (8, 12),
            < 0.9 => (13, 18),
            _ => (8, 18),
        };
        var duration = installation ? random.Next(90, 151) : random.Next(45, 91);
        var skills = installation ? new HashSet<string> { category, Installation } : new HashSet<string> { category };
        return new PlanVisit(string.Create(CultureInfo.InvariantCulture, $"visit-{number}"), node, from * 60, to * 60, duration, 1,
            skills);
    }

    private static PlanVehicle Technician(Random random, int number, int home)
    {
        var skills = Categories.OrderBy(_ => random.Next()).Take(random.Next(4, 7)).ToHashSet();
        if (random.NextDouble() < 0.5) skills.Add(Installation);
        return new PlanVehicle(string.Create(CultureInfo.InvariantCulture, $"tech-{number}"), home, home, 8 * 60, 18 * 60,
            random.Next(10, 13), skills, new PlanBreak(11.5 * 60, 13.5 * 60, 30));
    }

    private static (double, double) RandomPoint(Random random)
    {
        var radius = CityRadiusKm * Math.Sqrt(random.NextDouble());
        var angle = 2 * Math.PI * random.NextDouble();
        const double kmPerDegree = 111.32;
        return (CentreLatitude + radius * Math.Sin(angle) / kmPerDegree,
            CentreLongitude + radius * Math.Cos(angle) / (kmPerDegree * Math.Cos(CentreLatitude * Math.PI / 180)));
    }
}

/// <summary>Road kilometres (great circle × 1.3) as the cost, minutes at 30 km/h as the time; computed once.</summary>
public sealed class CityMatrix : ITravelMatrix
{
    private const double RoadFactor = 1.3;
    private const double SpeedKmPerMinute = 30.0 / 60;
    private readonly double[,] _km;

    public CityMatrix(IReadOnlyList<(double Lat, double Lon)> points)
    {
        _km = new double[points.Count, points.Count];
        for (var a = 0; a < points.Count; a++)
            for (var b = 0; b < points.Count; b++)
                _km[a, b] = RoadFactor * GreatCircleKm(points[a], points[b]);
    }

    public int NodeCount => _km.GetLength(0);
    public double Cost(int from, int to) => _km[from, to];
    public double Time(int from, int to) => _km[from, to] / SpeedKmPerMinute;

    private static double GreatCircleKm((double Lat, double Lon) a, (double Lat, double Lon) b)
    {
        const double earthRadiusKm = 6371.0;
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(b.Lat - a.Lat) / 2), 2)
            + Math.Cos(Rad(a.Lat)) * Math.Cos(Rad(b.Lat)) * Math.Pow(Math.Sin(Rad(b.Lon - a.Lon) / 2), 2);
        return 2 * earthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
