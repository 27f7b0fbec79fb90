using System.Collections.Concurrent;
using RepairDispatch.Api.Technicians;
using RepairDispatch.Planning;

namespace RepairDispatch.Api.Dispatch;

/// <summary>Travel time between two points, in seconds. The optimiser sees only a matrix built from it.</summary>
public interface ITravelTimes
{
    double Seconds(GeoPoint from, GeoPoint to);
}

/// <summary>
/// Where a store's travel times come from. The default is great-circle distance × the store's road factor at its
/// city speed; a deployment with a routing engine registers its own provider (e.g. OSRM's table service), and
/// nothing else changes.
/// </summary>
public interface ITravelTimesProvider
{
    ITravelTimes For(StoreTravel store);
}

public sealed record StoreTravel(Guid StoreId, double RoadFactor, double CitySpeedKmh);

public sealed class GreatCircleTravelTimesProvider : ITravelTimesProvider
{
    private readonly ConcurrentDictionary<(double, double), GreatCircleTravelTimes> _byStoreSettings = new();

    public ITravelTimes For(StoreTravel store) =>
        _byStoreSettings.GetOrAdd((store.RoadFactor, store.CitySpeedKmh), k => new GreatCircleTravelTimes(k.Item1, k.Item2));
}

/// <summary>Great-circle kilometres × road factor ÷ speed; each pair is computed once and cached.</summary>
public sealed class GreatCircleTravelTimes(double roadFactor, double speedKmh) : ITravelTimes
{
    private const int MaxCachedPairs = 200_000;
    private readonly ConcurrentDictionary<(GeoPoint, GeoPoint), double> _cache = new();

    public double Seconds(GeoPoint from, GeoPoint to)
    {
        if (_cache.TryGetValue((from, to), out var cached)) return cached;
        var seconds = Kilometres(from, to) * roadFactor / speedKmh * 3600;
        if (_cache.Count < MaxCachedPairs) _cache[(from, to)] = seconds;
        return seconds;
    }

    public static double Kilometres(GeoPoint a, GeoPoint b)
    {
        const double earthRadiusKm = 6371.0088;
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(b.Lat - a.Lat);
        var dLon = Rad(b.Lon - a.Lon);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(a.Lat)) * Math.Cos(Rad(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * earthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}

/// <summary>The optimiser's matrix over a list of points: cost and time are both travel seconds.</summary>
public sealed class TravelMatrix : ITravelMatrix
{
    private readonly double[,] _seconds;

    public TravelMatrix(IReadOnlyList<GeoPoint> points, ITravelTimes travel)
    {
        _seconds = new double[points.Count, points.Count];
        for (var i = 0; i < points.Count; i++)
            for (var j = 0; j < points.Count; j++)
                _seconds[i, j] = i == j ? 0 : travel.Seconds(points[i], points[j]);
    }

    public int NodeCount => _seconds.GetLength(0);
    public double Cost(int from, int to) => _seconds[from, to];
    public double Time(int from, int to) => _seconds[from, to];
}
