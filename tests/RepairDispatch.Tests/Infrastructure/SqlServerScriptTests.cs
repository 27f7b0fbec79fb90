using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// SQL Server cannot run here, so every T-SQL text is at least parsed by SQL Server's own parser: each
/// db/sqlserver script and every SQL constant of the service that runs on SQL Server (names ending in
/// "Sql" are shared by both databases, "SqlServer" are SQL Server only; "Sqlite" ones are skipped).
/// </summary>
public class SqlServerScriptTests
{
    private static IList<ParseError> Parse(string sql)
    {
        new TSql170Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors;
    }

    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Migrator.ScriptFolder(DatabaseProvider.SqlServer), "*.sql")) data.Add(Path.GetFileName(file));
        return data;
    }

    public static TheoryData<string> QueryTexts()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in SqlConstants()) data.Add(name);
        return data;
    }

    private static IEnumerable<(string Name, string Sql)> SqlConstants() =>
        typeof(Db).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string) && (f.Name.EndsWith("Sql", StringComparison.Ordinal) || f.Name.EndsWith("SqlServer", StringComparison.Ordinal)))
                .Select(f => ($"{t.FullName}.{f.Name}", (string)f.GetRawConstantValue()!)));

    [Theory]
    [MemberData(nameof(Scripts))]
    public void MigrationScriptParsesAsTSql(string file)
    {
        var sql = File.ReadAllText(Path.Combine(Migrator.ScriptFolder(DatabaseProvider.SqlServer), file));

        Parse(sql).Select(e => $"line {e.Line}: {e.Message}").Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(QueryTexts))]
    public void QueryTextParsesAsTSql(string name)
    {
        // Dapper expands `IN @list` into `IN (@list1, @list2, ...)` before SQL Server sees it.
        var sql = Regex.Replace(SqlConstants().Single(c => c.Name == name).Sql, @"\bIN\s+@(\w+)", "IN (@$1)", RegexOptions.IgnoreCase);

        Parse(sql).Select(e => $"line {e.Line}: {e.Message}").Should().BeEmpty();
    }

    [Fact]
    public void ThereAreQueryTextsToCheck() => SqlConstants().Count().Should().BeGreaterThan(30);

    [Fact]
    public void BothDialectsHaveTheSameMigrationVersions()
    {
        static IEnumerable<string> Versions(DatabaseProvider p) =>
            Directory.GetFiles(Migrator.ScriptFolder(p), "V*.sql").Select(f => Path.GetFileName(f).Split("__")[0]).Order();

        Versions(DatabaseProvider.Sqlite).Should().NotBeEmpty().And.Equal(Versions(DatabaseProvider.SqlServer));
    }
}
