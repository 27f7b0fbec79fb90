using EvolveDb;
using Microsoft.Data.Sqlite;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// A SQLite file migrated by the service's own scripts up to a version, for testing what a later migration does to rows
/// written under the earlier schema; deleted when disposed.
/// </summary>
public sealed class SqliteAtVersion(string name) : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"rd-{name}-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={_file}";

    /// <summary>Applies the scripts up to and including <paramref name="version"/> (all of them when null).</summary>
    public void MigrateTo(string? version)
    {
        using var c = new SqliteConnection(ConnectionString);
        c.Open();
        var evolve = new Evolve(c, _ => { }, EvolveDb.Dialect.DBMS.SQLite)
        {
            Locations = [Migrator.ScriptFolder(DatabaseProvider.Sqlite)], MetadataTableName = "schema_version", IsEraseDisabled = true,
        };
        if (version is not null) evolve.TargetVersion = new EvolveDb.Migration.MigrationVersion(version);
        evolve.Migrate();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
