using System.Globalization;
using System.Text;
using Dapper;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>Every row of every table (found in sqlite_master, so a new table is included without a change here).</summary>
public sealed class DatabaseSnapshot
{
    private readonly SortedDictionary<string, List<string>> _tables;

    private DatabaseSnapshot(SortedDictionary<string, List<string>> tables) => _tables = tables;

    public static async Task<DatabaseSnapshot> TakeAsync(Db db, IReadOnlySet<string>? excluded = null)
    {
        await using var c = await db.OpenAsync();
        // sqlite_* are SQLite's own bookkeeping (sequence counters, statistics), not data a request writes.
        var names = await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        var tables = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in names.Where(n => excluded?.Contains(n) != true))
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{name}\"";
            await using var reader = await cmd.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                    row.Append(reader.GetName(i)).Append('=').Append(Text(reader.GetValue(i))).Append("; ");
                rows.Add(row.ToString());
            }
            rows.Sort(StringComparer.Ordinal);
            tables[name] = rows;
        }
        return new DatabaseSnapshot(tables);
    }

    public IReadOnlyList<string> EmptyTables => _tables.Where(t => t.Value.Count == 0).Select(t => t.Key).ToList();

    /// <summary>What changed from <paramref name="before"/> to this, table by table; empty when nothing did.</summary>
    public IReadOnlyList<string> DifferencesFrom(DatabaseSnapshot before)
    {
        var differences = new List<string>();
        foreach (var name in before._tables.Keys.Union(_tables.Keys).Order(StringComparer.Ordinal))
        {
            var (was, now) = (before._tables.GetValueOrDefault(name) ?? [], _tables.GetValueOrDefault(name) ?? []);
            if (was.SequenceEqual(now)) continue;
            var added = now.Except(was).Take(3).Select(r => "  + " + r);
            var removed = was.Except(now).Take(3).Select(r => "  - " + r);
            differences.Add($"{name} ({was.Count} → {now.Count} rows):\n" + string.Join("\n", removed.Concat(added)));
        }
        return differences;
    }

    private static string Text(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
