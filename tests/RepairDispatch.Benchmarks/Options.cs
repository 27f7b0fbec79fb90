using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>`--name value` pairs.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{name}'.");
            if (!e.MoveNext()) throw new ArgumentException($"Missing value for {name}.");
            options._values[name[2..]] = e.Current;
        }
        return options;
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var v) && v.Length > 0 ? v : throw new ArgumentException($"--{name} is required.");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A comma-separated list of integers; empty when the option is missing.</summary>
    public int[] Ints(string name) =>
        _values.TryGetValue(name, out var v)
            ? v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray()
            : [];

    /// <summary>The connection string options the service itself uses (Db.cs): foreign keys on, pooling, 30 s busy timeout.</summary>
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        ForeignKeys = true,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();
}
