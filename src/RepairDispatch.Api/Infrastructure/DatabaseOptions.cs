namespace RepairDispatch.Api.Infrastructure;

public enum DatabaseProvider { Sqlite, SqlServer }

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Fault injection for resilience tests only: the share of database units of work that first fail with a
    /// transient error (SQLite "database is locked"), before any of their work runs. 0 in every real deployment.
    /// </summary>
    public double ChaosFaultRate { get; set; }
}
