using Microsoft.Data.SqlClient;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.SqlServer;

/// <summary>The real service on a throw-away SQL Server database, created before and dropped after the class.</summary>
public sealed class SqlServerFactory : ApiFactory
{
    private readonly string _database = "rd_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _connectionString;

    public TestData Data { get; }

    public SqlServerFactory() => Data = new TestData(this);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["RepairDispatch:Database:Provider"] = "SqlServer";
            settings["ConnectionStrings:RepairDispatch"] = EnsureDatabase();
            settings["RepairDispatch:Database:MigrateOnStart"] = "true"; // a fresh test database per run
            return settings;
        }
    }

    private string EnsureDatabase()
    {
        if (_connectionString is not null) return _connectionString;
        var server = SqlServerFactAttribute.ConnectionString ?? throw new InvalidOperationException("No SQL Server configured.");
        Execute(server, $"CREATE DATABASE [{_database}]");
        _connectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = _database }.ConnectionString;
        return _connectionString;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_connectionString is null || SqlServerFactAttribute.ConnectionString is not { } server) return;
        SqlConnection.ClearAllPools();
        Execute(server, $"ALTER DATABASE [{_database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_database}]");
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new SqlConnection(connectionString);
        connection.Open();
        using var command = new SqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
