using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>A prepared statement whose parameters @p0..@pN are rebound for every row (the seeders' bulk inserts).</summary>
public sealed class Prepared : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public Prepared(SqliteConnection c, SqliteTransaction tx, string sql, int parameterCount)
    {
        _command = c.CreateCommand();
        _command.Transaction = tx;
        _command.CommandText = sql;
        _parameters = Enumerable.Range(0, parameterCount).Select(i => _command.Parameters.Add(new SqliteParameter("@p" + i, DBNull.Value))).ToArray();
        _command.Prepare();
    }

    public void Use(SqliteTransaction tx) => _command.Transaction = tx;

    public int Run(params object?[] values)
    {
        if (values.Length != _parameters.Length) throw new InvalidOperationException($"Expected {_parameters.Length} values, got {values.Length}.");
        for (var i = 0; i < values.Length; i++) _parameters[i].Value = values[i] ?? DBNull.Value;
        return _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
