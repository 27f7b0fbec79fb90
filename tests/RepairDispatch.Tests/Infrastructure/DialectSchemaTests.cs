using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Tests.Infrastructure.SqlBinding;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>Shared SQL runs on both databases, so both sets of scripts must end in the same tables with the same columns.</summary>
public class DialectSchemaTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // The mobile change feed differs by design: SQLite has no rowversion, so a trigger-kept counter stands in for it and
    // keys the tombstones; on SQL Server a rowversion cannot be a key, so the tombstones have an identity column.
    private static readonly string[] SqliteOnly = ["sync_clock"];
    private static readonly string[] SqlServerOnly = ["mobile_tombstones.id"];

    [Fact]
    public async Task BothDatabasesEndWithTheSameTablesAndColumns()
    {
        _ = api.CreateClient(); // starts the service, which migrates the SQLite file with the real migrator
        await using var c = await api.Db.OpenAsync();
        var sqlite = (await c.QueryAsync<(string Table, string Column)>("""
            SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
            """)).Where(x => !SqliteOnly.Contains(x.Table)).Select(x => $"{x.Table}.{x.Column}".ToLowerInvariant()).ToList();
        var sqlServer = SqlSchema.FromMigrations(Migrator.ScriptFolder(DatabaseProvider.SqlServer)).Schema;
        var expected = sqlServer.TableNames.SelectMany(t => sqlServer.Columns(t)!.Select(column => $"{t}.{column}".ToLowerInvariant())).Except(SqlServerOnly).ToList();

        expected.Except(sqlite).Should().BeEmpty("the SQL Server scripts make these and the SQLite ones do not");
        sqlite.Except(expected).Should().BeEmpty("the SQLite scripts make these and the SQL Server ones do not");
    }
}
