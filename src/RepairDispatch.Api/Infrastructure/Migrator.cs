using EvolveDb;
using EvolveDb.Dialect;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// Applies the versioned scripts of db/&lt;provider&gt;/ (Evolve, Flyway-style names V0001__name.sql), each once,
/// recorded in the schema_version table. Runs at start and as the `migrate` command.
/// </summary>
public sealed class Migrator(Db db, ILogger<Migrator> logger)
{
    public static string ScriptFolder(DatabaseProvider provider) =>
        Path.Combine(AppContext.BaseDirectory, "db", provider == DatabaseProvider.Sqlite ? "sqlite" : "sqlserver");

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var evolve = new Evolve(connection, message => logger.LogDebug("{EvolveMessage}", message),
            db.IsSqlite ? DBMS.SQLite : DBMS.SQLServer)
        {
            Locations = [ScriptFolder(db.Provider)],
            MetadataTableName = "schema_version",
            IsEraseDisabled = true,
            TransactionMode = EvolveDb.Configuration.TransactionKind.CommitEach,
        };
        evolve.Migrate();
        if (db.IsSqlite)
        {
            // WAL is a property of the file: readers no longer wait for the writer.
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL;";
            await cmd.ExecuteNonQueryAsync(ct);
        }
        logger.LogInformation("Database migrated: {Applied} script(s) applied, provider {Provider}", evolve.NbMigration, db.Provider);
    }
}
