using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace RepairDispatch.Tests.Infrastructure.SqlBinding;

/// <summary>INSERT, UPDATE, DELETE and MERGE: column lists and SET targets belong to the target; OUTPUT sees inserted/deleted as the target.</summary>
public sealed partial class TSqlBinder
{
    public override void ExplicitVisit(InsertStatement node) => WithCtes(node.WithCtesAndXmlNamespaces, () => BindInsert(node.InsertSpecification));

    public override void ExplicitVisit(UpdateStatement node) => WithCtes(node.WithCtesAndXmlNamespaces, () => BindUpdate(node.UpdateSpecification));

    public override void ExplicitVisit(DeleteStatement node) => WithCtes(node.WithCtesAndXmlNamespaces, () => BindDelete(node.DeleteSpecification));

    public override void ExplicitVisit(MergeStatement node) => WithCtes(node.WithCtesAndXmlNamespaces, () => BindMerge(node.MergeSpecification));

    private void BindInsert(InsertSpecification insert)
    {
        var target = Target(insert.Target, null);
        foreach (var column in insert.Columns) RequireColumn(target, column);
        BindInsertSource(insert.InsertSource, insert.Columns.Count, insert);
        BindOutput(insert.OutputClause, insert.OutputIntoClause, target, inserted: true, deleted: false);
    }

    private void BindInsertSource(InsertSource? source, int columnCount, TSqlFragment at)
    {
        switch (source)
        {
            case ValuesInsertSource values:
                foreach (var row in values.RowValues)
                {
                    Walk(row);
                    if (columnCount > 0 && row.ColumnValues.Count != columnCount) Error(row, $"{row.ColumnValues.Count} values for {columnCount} columns");
                }
                break;
            case SelectInsertSource select:
                var outputs = BindQuery(select.Select);
                if (columnCount > 0 && outputs is not null && outputs.Count != columnCount) Error(at, $"the query gives {outputs.Count} columns for {columnCount}");
                break;
            default:
                Walk(source);
                break;
        }
    }

    private void BindUpdate(UpdateSpecification update)
    {
        Push();
        try
        {
            var target = TargetWithFrom(update.Target, update.FromClause);
            Walk(update.TopRowFilter);
            BindSetClauses(update.SetClauses, target);
            Walk(update.WhereClause);
            BindOutput(update.OutputClause, update.OutputIntoClause, target, inserted: true, deleted: true);
        }
        finally
        {
            Pop();
        }
    }

    private void BindDelete(DeleteSpecification delete)
    {
        Push();
        try
        {
            var target = TargetWithFrom(delete.Target, delete.FromClause);
            Walk(delete.TopRowFilter);
            Walk(delete.WhereClause);
            BindOutput(delete.OutputClause, delete.OutputIntoClause, target, inserted: false, deleted: true);
        }
        finally
        {
            Pop();
        }
    }

    private void BindMerge(MergeSpecification merge)
    {
        Push();
        try
        {
            var target = Target(merge.Target, merge.TableAlias?.Value);
            _scope.Sources.Add(target);
            AddSource(merge.TableReference);
            Walk(merge.SearchCondition);
            foreach (var clause in merge.ActionClauses)
            {
                Walk(clause.SearchCondition);
                switch (clause.Action)
                {
                    case UpdateMergeAction update:
                        BindSetClauses(update.SetClauses, target);
                        break;
                    case InsertMergeAction insert:
                        foreach (var column in insert.Columns) RequireColumn(target, column);
                        BindInsertSource(insert.Source, insert.Columns.Count, insert);
                        break;
                    default:
                        Walk(clause.Action);
                        break;
                }
            }
            BindOutput(merge.OutputClause, merge.OutputIntoClause, target, inserted: true, deleted: true);
        }
        finally
        {
            Pop();
        }
    }

    private void BindSetClauses(IList<SetClause> clauses, Source target)
    {
        foreach (var clause in clauses)
        {
            if (clause is AssignmentSetClause { Column: { } column } assignment)
            {
                RequireColumn(target, column);
                Walk(assignment.NewValue);
            }
            else Walk(clause);
        }
    }

    /// <summary>UPDATE t … FROM t JOIN …: the target is the FROM table of that name or alias; without FROM it is the only table.</summary>
    private Source TargetWithFrom(TableReference target, FromClause? from)
    {
        foreach (var table in from?.TableReferences ?? []) AddSource(table);
        if (target is NamedTableReference { SchemaObject.SchemaIdentifier: null, Alias: null } named &&
            _scope.Sources.FirstOrDefault(s => Names.Equals(s.Name, named.SchemaObject.BaseIdentifier.Value)) is { } inFrom)
            return inFrom;
        var source = Target(target, null);
        _scope.Sources.Add(source);
        return source;
    }

    private Source Target(TableReference target, string? alias)
    {
        switch (target)
        {
            case NamedTableReference named:
                return Named(named.SchemaObject, alias ?? named.Alias?.Value, named);
            case VariableTableReference variable:
                return TableVariable(variable);
            default:
                Walk(target);
                return new Source(alias ?? "", null, target.GetType().Name);
        }
    }

    private void BindOutput(OutputClause? output, OutputIntoClause? into, Source target, bool inserted, bool deleted)
    {
        var pseudo = new List<Source>();
        if (inserted) pseudo.Add(new Source("inserted", target.Columns, $"inserted ({target.What})"));
        if (deleted) pseudo.Add(new Source("deleted", target.Columns, $"deleted ({target.What})"));
        if (output is not null) InScopeOf(pseudo, () => output.SelectColumns.ToList().ForEach(Walk));
        if (into is null) return;
        InScopeOf(pseudo, () => into.SelectColumns.ToList().ForEach(Walk));
        var table = Target(into.IntoTable, null);
        foreach (var column in into.IntoTableColumns) RequireColumn(table, column);
    }
}
