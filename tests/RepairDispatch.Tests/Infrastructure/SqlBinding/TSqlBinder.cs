using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace RepairDispatch.Tests.Infrastructure.SqlBinding;

/// <summary>
/// Resolves the names in T-SQL against a <see cref="SqlSchema"/> as SQL Server would when it compiles the batch: every table
/// must exist, every alias must be in scope, every column must belong to the table its qualifier names, or (unqualified) to
/// one of the tables in scope — the innermost query first, then the outer ones (correlation). DDL changes the schema as it
/// goes, so a migration is checked against the scripts before it. Parsed as SQL Server 2019, the oldest version the deploy guide
/// supports. Returns one message per wrong name, with its line.
/// </summary>
public sealed partial class TSqlBinder(SqlSchema schema) : TSqlFragmentVisitor
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;
    private readonly List<string> _errors = [];
    private readonly Dictionary<string, IReadOnlyList<string>> _temporary = new(Names); // #tables and @table variables
    private IReadOnlyList<string>? _triggerTable; // the columns of inserted/deleted inside a trigger body
    private readonly HashSet<string> _createdInBatch = new(Names);
    private readonly HashSet<(string Table, string Column)> _addedInBatch = new(new ColumnComparer());
    private bool _inDdl; // constraints and indexes are compiled when they run
    private Scope _scope = new(null);

    public IReadOnlyList<string> Bind(string sql)
    {
        var script = new TSql150Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var parseErrors);
        if (parseErrors.Count > 0) return [.. parseErrors.Select(e => $"line {e.Line}: {e.Message}")];
        script.Accept(this);
        return _errors;
    }

    /// <summary>A table, view, CTE, derived table or function result as a query sees it; no columns when they cannot be known (sys views).</summary>
    /// <param name="Table">The schema table behind it, if any.</param>
    private sealed record Source(string Name, IReadOnlyList<string>? Columns, string What, string? Table = null)
    {
        public bool Opaque => Columns is null;
        public bool Has(string column) => Columns is null || Columns.Contains(column, Names);
    }

    private sealed class Scope(Scope? parent)
    {
        public Scope? Parent { get; } = parent;
        public List<Source> Sources { get; } = [];
        public Dictionary<string, Source> Ctes { get; } = new(Names);
        public IReadOnlyList<string> SelectNames { get; set; } = []; // the select list's names: ORDER BY may use them
    }

    public override void ExplicitVisit(ColumnReferenceExpression node)
    {
        if (node.ColumnType != ColumnType.Regular || node.MultiPartIdentifier is null) return;
        var parts = node.MultiPartIdentifier.Identifiers;
        if (parts.Count == 1) ResolveUnqualified(parts[0].Value, node);
        else ResolveQualified(parts[^2].Value, parts[^1].Value, node);
    }

    private void ResolveQualified(string qualifier, string column, TSqlFragment at)
    {
        var source = FindSource(qualifier);
        if (source is null) Error(at, $"'{qualifier}.{column}': no table or alias '{qualifier}' in scope ({InScope()})");
        else if (!source.Has(column)) Error(at, $"'{qualifier}.{column}': {source.What} has no column '{column}'");
        else RequireCompiledBefore(source, column, at);
    }

    private void ResolveUnqualified(string column, TSqlFragment at)
    {
        for (var scope = _scope; scope is not null; scope = scope.Parent)
        {
            if (scope.SelectNames.Contains(column, Names)) return;
            var owners = scope.Sources.Where(s => !s.Opaque && s.Has(column)).Distinct().ToList();
            if (owners.Count > 1)
            {
                Error(at, $"'{column}' is ambiguous: {string.Join(" and ", owners.Select(o => o.What))} both have it");
                return;
            }
            if (owners.Count == 1) RequireCompiledBefore(owners[0], column, at);
            if (owners.Count == 1 || scope.Sources.Any(s => s.Opaque)) return;
        }
        Error(at, $"column '{column}' belongs to none of the tables in scope ({InScope()})");
    }

    private Source? FindSource(string name)
    {
        for (var scope = _scope; scope is not null; scope = scope.Parent)
            if (scope.Sources.LastOrDefault(s => Names.Equals(s.Name, name)) is { } found) return found;
        return null;
    }

    private Source? FindCte(string name)
    {
        for (var scope = _scope; scope is not null; scope = scope.Parent)
            if (scope.Ctes.TryGetValue(name, out var cte)) return cte;
        return null;
    }

    private string InScope()
    {
        var names = new List<string>();
        for (var scope = _scope; scope is not null; scope = scope.Parent) names.AddRange(scope.Sources.Select(s => s.Name));
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    /// <summary>A table named in FROM, a DML target or a REFERENCES clause.</summary>
    private Source Named(SchemaObjectName name, string? alias, TSqlFragment at)
    {
        var table = name.BaseIdentifier.Value;
        var exposed = alias ?? table;
        var schemaName = name.SchemaIdentifier?.Value;
        if (schemaName is null && FindCte(table) is { } cte) return cte with { Name = exposed };
        if (schemaName is null && _triggerTable is not null && (Names.Equals(table, "inserted") || Names.Equals(table, "deleted")))
            return new Source(exposed, _triggerTable, table);
        if (schemaName is null && table.StartsWith('#'))
        {
            if (_temporary.TryGetValue(table, out var temp)) return new Source(exposed, temp, $"temporary table {table}");
            Error(at, $"no temporary table '{table}' is created before it is used");
            return new Source(exposed, null, table);
        }
        if (schemaName is null || Names.Equals(schemaName, "dbo"))
        {
            if (schema.Columns(table) is { } columns) return new Source(exposed, columns, $"table {table}", table);
            Error(at, $"no table '{table}' in the schema");
        }
        else if (!Names.Equals(schemaName, "sys") && !Names.Equals(schemaName, "INFORMATION_SCHEMA"))
            Error(at, $"no schema '{schemaName}'");
        return new Source(exposed, null, $"{schemaName}.{table}");
    }

    /// <summary>
    /// SQL Server compiles a whole batch before running it: a statement naming a column that an ALTER TABLE earlier in the
    /// same batch adds to an existing table fails (Msg 207). Tables created in the batch are compiled late, and so is DDL.
    /// </summary>
    public override void ExplicitVisit(TSqlBatch node)
    {
        _createdInBatch.Clear();
        _addedInBatch.Clear();
        base.ExplicitVisit(node);
    }

    private void RequireCompiledBefore(Source source, string column, TSqlFragment at)
    {
        if (source.Table is { } table && !_inDdl && _addedInBatch.Contains((table, column)))
            Error(at, $"'{column}' is added to {table} earlier in the same batch, which SQL Server compiles before the ALTER TABLE runs: put GO after the ALTER TABLE");
    }

    private sealed class ColumnComparer : IEqualityComparer<(string Table, string Column)>
    {
        public bool Equals((string Table, string Column) x, (string Table, string Column) y) => Names.Equals(x.Table, y.Table) && Names.Equals(x.Column, y.Column);
        public int GetHashCode((string Table, string Column) c) => HashCode.Combine(Names.GetHashCode(c.Table), Names.GetHashCode(c.Column));
    }

    private void RequireColumn(Source table, string column, TSqlFragment at)
    {
        if (!table.Has(column)) Error(at, $"'{column}': {table.What} has no column '{column}'");
        else RequireCompiledBefore(table, column, at);
    }

    private void RequireColumn(Source table, ColumnReferenceExpression column) =>
        RequireColumn(table, column.MultiPartIdentifier.Identifiers[^1].Value, column);

    private void Error(TSqlFragment at, string message) => _errors.Add($"line {at.StartLine}: {message}");

    private void Walk(TSqlFragment? fragment) => fragment?.Accept(this);

    private Scope Push()
    {
        _scope = new Scope(_scope);
        return _scope;
    }

    private void Pop() => _scope = _scope.Parent!;

    private void AsDdl(Action bind)
    {
        _inDdl = true;
        try
        {
            bind();
        }
        finally
        {
            _inDdl = false;
        }
    }

    private void InScopeOf(IEnumerable<Source> sources, Action bind)
    {
        Push().Sources.AddRange(sources);
        try
        {
            bind();
        }
        finally
        {
            Pop();
        }
    }
}
