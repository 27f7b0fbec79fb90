using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace RepairDispatch.Tests.Infrastructure.SqlBinding;

/// <summary>
/// DDL: CREATE/ALTER/DROP TABLE, sp_rename, CREATE VIEW change the schema; constraints, foreign keys, indexes and triggers
/// are bound against it. Dynamic SQL (sp_executesql) cannot be read and is left alone.
/// </summary>
public sealed partial class TSqlBinder
{
    public override void ExplicitVisit(CreateTableStatement node)
    {
        var name = node.SchemaObjectName.BaseIdentifier.Value;
        IReadOnlyList<string> columns = [.. node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value)];
        foreach (var twice in columns.GroupBy(c => c, Names).Where(g => g.Count() > 1)) Error(node, $"table '{name}' names column '{twice.Key}' twice");
        CreateTable(node.SchemaObjectName, columns, node);
        CheckElements(name, node.Definition);
    }

    public override void ExplicitVisit(DeclareTableVariableStatement node) =>
        _temporary[node.Body.VariableName.Value] = [.. node.Body.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value)];

    public override void ExplicitVisit(AlterTableAddTableElementStatement node)
    {
        var name = node.SchemaObjectName.BaseIdentifier.Value;
        if (schema.Columns(name) is not { } existing)
        {
            Error(node, $"ALTER TABLE: no table '{name}' in the schema");
            return;
        }
        var columns = existing.ToList();
        foreach (var column in node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value))
            if (columns.Contains(column, Names)) Error(node, $"table '{name}' already has a column '{column}'");
            else columns.Add(column);
        schema.Add(name, columns);
        CheckElements(name, node.Definition);
        if (_createdInBatch.Contains(name)) return;
        foreach (var column in node.Definition.ColumnDefinitions) _addedInBatch.Add((name, column.ColumnIdentifier.Value));
    }

    public override void ExplicitVisit(AlterTableDropTableElementStatement node)
    {
        var name = node.SchemaObjectName.BaseIdentifier.Value;
        var table = Named(node.SchemaObjectName, null, node);
        if (table.Columns is null) return;
        var columns = table.Columns.ToList();
        foreach (var drop in node.AlterTableDropTableElements.Where(e => e.TableElementType == TableElementType.Column))
            if (columns.RemoveAll(c => Names.Equals(c, drop.Name.Value)) == 0 && !drop.IsIfExists)
                Error(drop, $"DROP COLUMN: table '{name}' has no column '{drop.Name.Value}'");
        schema.Add(name, columns);
    }

    public override void ExplicitVisit(AlterTableAlterColumnStatement node) =>
        RequireColumn(Named(node.SchemaObjectName, null, node), node.ColumnIdentifier.Value, node);

    public override void ExplicitVisit(DropTableStatement node)
    {
        foreach (var table in node.Objects.Select(o => o.BaseIdentifier.Value))
            if (!(schema.HasTable(table) || _temporary.Remove(table)) && !node.IsIfExists) Error(node, $"DROP TABLE: no table '{table}'");
            else schema.Remove(table);
    }

    public override void ExplicitVisit(CreateIndexStatement node)
    {
        var table = Named(node.OnName, null, node);
        AsDdl(() =>
        {
            foreach (var column in node.Columns) RequireColumn(table, column.Column);
            foreach (var column in node.IncludeColumns) RequireColumn(table, column);
            if (node.FilterPredicate is { } filter) InScopeOf([table], () => Walk(filter));
        });
    }

    public override void ExplicitVisit(CreateViewStatement node) => BindView(node, replaces: false);

    public override void ExplicitVisit(AlterViewStatement node) => BindView(node, replaces: true);

    public override void ExplicitVisit(CreateOrAlterViewStatement node) => BindView(node, replaces: schema.HasTable(node.SchemaObjectName.BaseIdentifier.Value));

    private void BindView(ViewStatementBody node, bool replaces)
    {
        var name = node.SchemaObjectName.BaseIdentifier.Value;
        var outputs = BindSelect(node.SelectStatement) ?? [];
        IReadOnlyList<string> columns = node.Columns.Count > 0 ? [.. node.Columns.Select(c => c.Value)] : outputs;
        if (columns.Any(c => c.Length == 0)) Error(node, $"view '{name}' has a column without a name");
        if (!replaces) CreateTable(node.SchemaObjectName, columns, node);
        else if (schema.HasTable(name)) schema.Add(name, columns);
        else Error(node, $"ALTER VIEW: no view '{name}'");
    }

    public override void ExplicitVisit(CreateTriggerStatement node) => BindTrigger(node);

    public override void ExplicitVisit(AlterTriggerStatement node) => BindTrigger(node);

    public override void ExplicitVisit(CreateOrAlterTriggerStatement node) => BindTrigger(node);

    /// <summary>A trigger's body sees inserted and deleted as rows of its table.</summary>
    private void BindTrigger(TriggerStatementBody node)
    {
        var saved = _triggerTable;
        _triggerTable = Named(node.TriggerObject.Name, null, node).Columns ?? [];
        try
        {
            foreach (var statement in node.StatementList.Statements) Walk(statement);
        }
        finally
        {
            _triggerTable = saved;
        }
    }

    public override void ExplicitVisit(ExecuteStatement node)
    {
        if (node.ExecuteSpecification.ExecutableEntity is ExecutableProcedureReference { ProcedureReference.ProcedureReference: { } procedure } call &&
            Names.Equals(procedure.Name.BaseIdentifier.Value, "sp_rename"))
            Rename([.. call.Parameters.Select(p => (p.ParameterValue as StringLiteral)?.Value)], node);
        else base.ExplicitVisit(node);
    }

    /// <summary>sp_rename 'table.column', 'new', 'COLUMN' or sp_rename 'table', 'new'.</summary>
    private void Rename(IReadOnlyList<string?> arguments, TSqlFragment at)
    {
        if (arguments is not [{ } old, { } renamed, ..] || arguments.Count > 2 && arguments[2] is null)
        {
            Error(at, "sp_rename with arguments other than string literals cannot be checked");
            return;
        }
        var kind = arguments.Count > 2 ? arguments[2]! : "OBJECT";
        var parts = old.Split('.');
        if (Names.Equals(kind, "COLUMN") && parts.Length >= 2 && schema.Columns(parts[^2]) is { } columns)
        {
            if (!columns.Contains(parts[^1], Names)) Error(at, $"sp_rename: table '{parts[^2]}' has no column '{parts[^1]}'");
            else schema.Add(parts[^2], columns.Select(c => Names.Equals(c, parts[^1]) ? renamed : c));
        }
        else if (Names.Equals(kind, "OBJECT") && schema.Columns(parts[^1]) is { } table)
        {
            schema.Remove(parts[^1]);
            schema.Add(renamed, table);
        }
        else if (!Names.Equals(kind, "INDEX")) Error(at, $"sp_rename: no {kind.ToLowerInvariant()} '{old}'");
    }

    private void CreateTable(SchemaObjectName name, IReadOnlyList<string> columns, TSqlFragment at)
    {
        var table = name.BaseIdentifier.Value;
        if (table.StartsWith('#'))
        {
            _temporary[table] = columns;
            return;
        }
        if (schema.HasTable(table)) Error(at, $"table '{table}' already exists");
        schema.Add(table, columns);
        _createdInBatch.Add(table);
    }

    /// <summary>Column and table constraints, defaults, computed columns and inline indexes of a CREATE or ALTER TABLE.</summary>
    private void CheckElements(string name, TableDefinition definition)
    {
        var table = new Source(name, name.StartsWith('#') ? _temporary[name] : schema.Columns(name), $"table {name}");
        AsDdl(() => InScopeOf([table], () =>
        {
            foreach (var column in definition.ColumnDefinitions)
            {
                Walk(column.ComputedColumnExpression);
                Walk(column.DefaultConstraint?.Expression);
                foreach (var constraint in column.Constraints) CheckConstraint(table, constraint, column.ColumnIdentifier.Value);
                foreach (var indexed in column.Index?.Columns ?? []) RequireColumn(table, indexed.Column);
            }
            foreach (var constraint in definition.TableConstraints) CheckConstraint(table, constraint, null);
            foreach (var indexed in definition.Indexes.SelectMany(i => i.Columns)) RequireColumn(table, indexed.Column);
        }));
    }

    private void CheckConstraint(Source table, ConstraintDefinition constraint, string? column)
    {
        switch (constraint)
        {
            case CheckConstraintDefinition check:
                Walk(check.CheckCondition);
                break;
            case UniqueConstraintDefinition unique:
                foreach (var key in unique.Columns) RequireColumn(table, key.Column);
                break;
            case ForeignKeyConstraintDefinition foreignKey:
                var columns = foreignKey.Columns.Count > 0 ? foreignKey.Columns.Select(c => c.Value).ToList() : [column!];
                foreach (var own in columns) RequireColumn(table, own, foreignKey);
                var referenced = Named(foreignKey.ReferenceTableName, null, foreignKey);
                foreach (var key in foreignKey.ReferencedTableColumns) RequireColumn(referenced, key.Value, foreignKey);
                if (foreignKey.ReferencedTableColumns.Count > 0 && foreignKey.ReferencedTableColumns.Count != columns.Count)
                    Error(foreignKey, $"a foreign key of {columns.Count} columns references {foreignKey.ReferencedTableColumns.Count}");
                break;
            case DefaultConstraintDefinition fallback:
                Walk(fallback.Expression);
                if (fallback.Column is { } target) RequireColumn(table, target.Value, fallback);
                break;
        }
    }
}
