namespace RepairDispatch.Tests.Infrastructure.SqlBinding;

/// <summary>Tables (and views) with their columns, in order, as the SQL Server scripts leave them. Names compare as SQL Server's default collation does: ignoring case.</summary>
public sealed class SqlSchema
{
    private readonly Dictionary<string, List<string>> _tables = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> TableNames => _tables.Keys;

    public bool HasTable(string table) => _tables.ContainsKey(table);

    public IReadOnlyList<string>? Columns(string table) => _tables.GetValueOrDefault(table);

    public void Add(string table, IEnumerable<string> columns) => _tables[table] = [.. columns];

    public void Remove(string table) => _tables.Remove(table);

    public SqlSchema Copy()
    {
        var copy = new SqlSchema();
        foreach (var (table, columns) in _tables) copy.Add(table, columns);
        return copy;
    }

    /// <summary>The schema after every script of <paramref name="folder"/> in version order, each bound as it is applied.</summary>
    public static (SqlSchema Schema, IReadOnlyList<string> Errors) FromMigrations(string folder, string? upTo = null)
    {
        var schema = new SqlSchema();
        // Evolve creates its journal before the first script (Migrator: MetadataTableName); these are its columns on SQL Server.
        schema.Add("schema_version", ["id", "type", "version", "description", "name", "checksum", "installed_by", "installed_on", "success"]);
        var errors = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "V*.sql").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            errors.AddRange(new TSqlBinder(schema).Bind(File.ReadAllText(file)).Select(e => $"{name}: {e}"));
            if (name == upTo) break;
        }
        return (schema, errors);
    }
}
