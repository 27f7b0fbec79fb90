using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>What the database has applied against the scripts this build carries: equal, behind (pending), or ahead.</summary>
public sealed record SchemaState(IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown, string? DatabaseVersion, string CodeVersion)
{
    public bool UpToDate => Pending.Count == 0 && Unknown.Count == 0;

    /// <summary>A sentence an operator can act on, or null when the schema is what the code expects.</summary>
    public string? Problem => Unknown.Count > 0
        ? $"The database schema is newer than this build (it has {string.Join(", ", Unknown)}; this build knows up to {CodeVersion}): run the newer build, or restore a matching backup."
        : Pending.Count > 0
            ? $"The database schema is older than this build ({DatabaseVersion ?? "empty"} applied; {string.Join(", ", Pending)} pending): run `migrate` first."
            : null;
}

public static partial class SchemaVersion
{
    // type 0 = a migration script (Evolve also writes bookkeeping rows, e.g. type 2 for the schema itself).
    private const string AppliedSql = "SELECT version FROM schema_version WHERE type = 0 AND success = 1";

    [GeneratedRegex(@"^V(?<version>\d+)__.+\.sql$", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptName();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DatabaseProvider, IReadOnlyList<string>> Shipped = new();

    /// <summary>The versions of the scripts shipped with this build, in order (V0006__mobile.sql → "6"); read once, since
    /// readiness asks on every probe.</summary>
    public static IReadOnlyList<string> Available(DatabaseProvider provider) => Shipped.GetOrAdd(provider, p =>
        [.. Directory.EnumerateFiles(Migrator.ScriptFolder(p), "*.sql").Select(f => ScriptName().Match(Path.GetFileName(f)))
            .Where(m => m.Success).Select(m => int.Parse(m.Groups["version"].Value).ToString()).OrderBy(int.Parse)]);

    public static async Task<SchemaState> ReadAsync(Db db, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        IReadOnlyList<string> applied;
        try
        {
            applied = (await c.QueryAsync<string>(AppliedSql)).Select(v => int.Parse(v).ToString()).ToList();
        }
        catch (DbException)
        {
            applied = []; // no journal yet: a new database
        }
        return Compare(applied, Available(db.Provider));
    }

    public static SchemaState Compare(IReadOnlyList<string> applied, IReadOnlyList<string> available) => new(
        [.. available.Except(applied).Select(v => "V" + v.PadLeft(4, '0'))],
        [.. applied.Except(available).OrderBy(int.Parse).Select(v => "V" + v.PadLeft(4, '0'))],
        applied.Count == 0 ? null : "V" + applied.Max(int.Parse).ToString().PadLeft(4, '0'),
        "V" + (available.Count == 0 ? "0" : available[^1]).PadLeft(4, '0'));
}
