using System.Collections.Concurrent;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Api.Infrastructure;

/// <summary>
/// SQLite only: statements of the form `... WHERE id = @Id` kept prepared, each on its own open connection,
/// rented by one request at a time. Saves re-compiling a wide SELECT on every read (about a third of a GET).
/// </summary>
internal sealed class PreparedReads(string connectionString) : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<Statement>> _idle = new();

    public T? QueryById<T>(string sql, Guid id)
    {
        var idle = _idle.GetOrAdd(sql, _ => []);
        var statement = idle.TryTake(out var s) ? s : new Statement(connectionString, sql);
        try
        {
            statement.Id.Value = id.ToString();
            using var reader = statement.Command.ExecuteReader();
            return reader.Read() ? reader.GetRowParser<T>()(reader) : default;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
        finally
        {
            if (statement.Command.Connection?.State == System.Data.ConnectionState.Open) idle.Add(statement);
        }
    }

    public void Dispose()
    {
        foreach (var statement in _idle.Values.SelectMany(bag => bag)) statement.Dispose();
        _idle.Clear();
    }

    private sealed class Statement : IDisposable
    {
        public Statement(string connectionString, string sql)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            Command = connection.CreateCommand();
            Command.CommandText = sql;
            Id = Command.Parameters.Add("@Id", SqliteType.Text);
            Command.Prepare();
        }

        public SqliteCommand Command { get; }
        public SqliteParameter Id { get; }

        public void Dispose()
        {
            var connection = Command.Connection;
            Command.Dispose();
            connection?.Dispose();
        }
    }
}
