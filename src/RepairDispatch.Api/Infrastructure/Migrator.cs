using Dapper;
using EvolveDb;
using EvolveDb.Dialect;
using Microsoft.Data.SqlClient;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// Applies the versioned scripts of db/&lt;provider&gt;/ (Evolve, Flyway-style names V0001__name.sql), each once,
/// recorded in the schema_version table. Runs at start and as the `migrate` command. On SQL Server it first creates
/// the database when it does not exist yet (a fresh server, the compose setup), if the login may.
/// </summary>
public sealed class Migrator(Db db, ILogger<Migrator> logger)
{
    private const int CannotOpenDatabase = 4060;
    private const string CreateDatabaseSqlServer = """
        IF DB_ID(@Name) IS NULL
        BEGIN
            DECLARE @create nvarchar(300) = N'CREATE DATABASE ' + QUOTENAME(@Name);
            EXEC sp_executesql @create;
        END
        """;

    public static string ScriptFolder(DatabaseProvider provider) =>
        Path.Combine(AppContext.BaseDirectory, "db", provider == DatabaseProvider.Sqlite ? "sqlite" : "sqlserver");

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        if (!db.IsSqlite) await CreateSqlServerDatabaseIfMissingAsync(ct);
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

    private async Task CreateSqlServerDatabaseIfMissingAsync(CancellationToken ct)
    {
        try
        {
            await using var probe = await db.OpenAsync(ct);
            return;
        }
        catch (SqlException e) when (e.Number == CannotOpenDatabase)
        {
            var target = new SqlConnectionStringBuilder(db.ConnectionString);
            var name = target.InitialCatalog;
            logger.LogWarning("Database {Database} does not exist: creating it", name);
            target.InitialCatalog = "master";
            await using var master = new SqlConnection(target.ConnectionString);
            await master.OpenAsync(ct);
            await master.ExecuteAsync(CreateDatabaseSqlServer, new { Name = name });
            SqlConnection.ClearAllPools(); // the failed login to the new database is cached in its pool
        }
    }
}
