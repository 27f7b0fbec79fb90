using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Tests.Infrastructure.SqlBinding;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// SQL Server cannot run here, so every T-SQL text is parsed by SQL Server's own parser and its names bound to the schema
/// the db/sqlserver scripts build (<see cref="TSqlBinder"/>): each script against the scripts before it, and every SQL
/// text of the service that runs on SQL Server (<see cref="ServiceSql"/>) against all of them.
/// </summary>
public class SqlServerScriptTests
{
    private static string Folder => Migrator.ScriptFolder(DatabaseProvider.SqlServer);

    /// <summary>The schema after the last script; each query is bound to a copy of it.</summary>
    private static readonly Lazy<SqlSchema> Migrated = new(() => SqlSchema.FromMigrations(Folder).Schema);

    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "V*.sql")) data.Add(Path.GetFileName(file));
        return data;
    }

    public static TheoryData<string> QueryTexts() => new(ServiceSql.SqlServerTexts.Keys);

    [Theory]
    [MemberData(nameof(Scripts))]
    public void MigrationScriptNamesOnlyTablesAndColumnsThatExistWhenItRuns(string file) =>
        SqlSchema.FromMigrations(Folder, upTo: file).Errors.Where(e => e.StartsWith(file + ":", StringComparison.Ordinal)).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(QueryTexts))]
    public void QueryTextNamesOnlyTablesAndColumnsOfTheMigratedSchema(string name) =>
        new TSqlBinder(Migrated.Value.Copy()).Bind(ServiceSql.AsSent(ServiceSql.SqlServerTexts[name])).Should().BeEmpty("{0} runs on SQL Server", name);

    [Fact]
    public void ThereAreQueryTextsToCheck() => ServiceSql.SqlServerTexts.Should().HaveCountGreaterThan(30);

    [Fact]
    public void BothDialectsHaveTheSameMigrationVersions()
    {
        static IEnumerable<string> Versions(DatabaseProvider p) =>
            Directory.GetFiles(Migrator.ScriptFolder(p), "V*.sql").Select(f => Path.GetFileName(f).Split("__")[0]).Order();

        Versions(DatabaseProvider.Sqlite).Should().NotBeEmpty().And.Equal(Versions(DatabaseProvider.SqlServer));
    }
}
