namespace RepairDispatch.Tests.SqlServer;

/// <summary>
/// A fact that runs only when REPAIRDISPATCH_TEST_SQLSERVER holds a connection string (Dapper's own
/// self-skipping style); otherwise it is reported as skipped, with the reason, in every test run.
/// </summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string Variable = "REPAIRDISPATCH_TEST_SQLSERVER";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public SqlServerFactAttribute()
    {
        if (ConnectionString is null)
            Skip = $"SQL SERVER CONTRACT TESTS SKIPPED: set {Variable} to a SQL Server connection string to run them (see deploy/README.md).";
    }
}
