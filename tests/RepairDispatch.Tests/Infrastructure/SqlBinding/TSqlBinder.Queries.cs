using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace RepairDispatch.Tests.Infrastructure.SqlBinding;

/// <summary>Queries: FROM builds the scope (tables, aliases, joins, derived tables, CTEs, OPENJSON, STRING_SPLIT) before anything else of the query is resolved.</summary>
public sealed partial class TSqlBinder
{
    // The first argument of these is a date part (day, month…), which the parser reads as a column name.
    private static readonly HashSet<string> DatePartFunctions = new(Names) { "DATEADD", "DATEDIFF", "DATEDIFF_BIG", "DATEPART", "DATENAME", "DATETRUNC", "DATE_BUCKET" };

    public override void ExplicitVisit(SelectStatement node) => BindSelect(node);

    public override void ExplicitVisit(QuerySpecification node) => BindQuery(node);

    public override void ExplicitVisit(BinaryQueryExpression node) => BindQuery(node);

    public override void ExplicitVisit(QueryParenthesisExpression node) => BindQuery(node);

    public override void ExplicitVisit(FunctionCall node)
    {
        RequireBuiltIn(node);
        if (!DatePartFunctions.Contains(node.FunctionName.Value))
        {
            base.ExplicitVisit(node);
            return;
        }
        foreach (var parameter in node.Parameters.Skip(1)) Walk(parameter);
    }

    private IReadOnlyList<string>? BindSelect(SelectStatement node)
    {
        IReadOnlyList<string>? outputs = null;
        WithCtes(node.WithCtesAndXmlNamespaces, () =>
        {
            outputs = BindQuery(node.QueryExpression);
            if (node.Into is { } into) CreateTable(into, outputs ?? [], node);
        });
        return outputs;
    }

    /// <summary>Binds a query and answers the names of its columns (null when a star meets a source of unknown columns).</summary>
    private IReadOnlyList<string>? BindQuery(QueryExpression query)
    {
        switch (query)
        {
            case QuerySpecification specification:
                return BindSpecification(specification);
            case QueryParenthesisExpression parenthesis:
            {
                var outputs = BindQuery(parenthesis.QueryExpression);
                OrderByOutputs(parenthesis.OrderByClause, outputs);
                return outputs;
            }
            case BinaryQueryExpression binary:
            {
                var first = BindQuery(binary.FirstQueryExpression);
                var second = BindQuery(binary.SecondQueryExpression);
                if (first is not null && second is not null && first.Count != second.Count)
                    Error(binary, $"the two sides of {binary.BinaryQueryExpressionType} have {first.Count} and {second.Count} columns");
                OrderByOutputs(binary.OrderByClause, first);
                return first;
            }
            default:
                Walk(query);
                return null;
        }
    }

    private IReadOnlyList<string>? BindSpecification(QuerySpecification query)
    {
        var scope = Push();
        try
        {
            foreach (var table in query.FromClause?.TableReferences ?? []) AddSource(table);
            Walk(query.TopRowFilter);
            foreach (var element in query.SelectElements)
                if (element is SelectStarExpression { Qualifier: { } qualifier } && FindSource(qualifier.Identifiers[^1].Value) is null)
                    Error(element, $"'{qualifier.Identifiers[^1].Value}.*': no table or alias '{qualifier.Identifiers[^1].Value}' in scope ({InScope()})");
                else Walk(element);
            Walk(query.WhereClause);
            Walk(query.GroupByClause);
            Walk(query.HavingClause);
            var outputs = Outputs(query.SelectElements, scope);
            scope.SelectNames = outputs ?? [];
            Walk(query.OrderByClause);
            Walk(query.OffsetClause);
            RequireGroupedOrAggregated(query);
            return outputs;
        }
        finally
        {
            Pop();
        }
    }

    /// <summary>ORDER BY after UNION (or around a parenthesised query) sees only the result's column names.</summary>
    private void OrderByOutputs(OrderByClause? orderBy, IReadOnlyList<string>? outputs)
    {
        if (orderBy is not null) InScopeOf([new Source("", outputs, "the query's result")], () => Walk(orderBy));
    }

    private static IReadOnlyList<string>? Outputs(IList<SelectElement> elements, Scope scope)
    {
        var names = new List<string>();
        foreach (var element in elements)
        {
            switch (element)
            {
                case SelectScalarExpression { ColumnName: { } alias }:
                    names.Add(alias.Value);
                    break;
                case SelectScalarExpression { Expression: ColumnReferenceExpression { MultiPartIdentifier: { } column } }:
                    names.Add(column.Identifiers[^1].Value);
                    break;
                case SelectStarExpression star:
                    var sources = star.Qualifier is { } q ? scope.Sources.Where(s => Names.Equals(s.Name, q.Identifiers[^1].Value)) : scope.Sources;
                    foreach (var source in sources)
                    {
                        if (source.Columns is null) return null;
                        names.AddRange(source.Columns);
                    }
                    break;
                default:
                    names.Add(""); // an expression without a name
                    break;
            }
        }
        return names;
    }

    private void AddSource(TableReference table)
    {
        switch (table)
        {
            case NamedTableReference named:
                _scope.Sources.Add(Named(named.SchemaObject, named.Alias?.Value, named));
                break;
            case QueryDerivedTable derived:
                var outputs = WithoutSiblings(() => BindQuery(derived.QueryExpression));
                _scope.Sources.Add(new Source(derived.Alias.Value, Renamed(derived.Columns, outputs), $"derived table {derived.Alias.Value}"));
                break;
            case InlineDerivedTable values:
                WithoutSiblings(() => { foreach (var row in values.RowValues) Walk(row); });
                _scope.Sources.Add(new Source(values.Alias.Value, Renamed(values.Columns, null), $"derived table {values.Alias.Value}"));
                break;
            case QualifiedJoin join:
                AddSource(join.FirstTableReference);
                AddSource(join.SecondTableReference);
                Walk(join.SearchCondition);
                break;
            case UnqualifiedJoin join when join.UnqualifiedJoinType is UnqualifiedJoinType.CrossApply or UnqualifiedJoinType.OuterApply:
                AddSource(join.FirstTableReference);
                AddLateral(join.SecondTableReference);
                break;
            case UnqualifiedJoin join:
                AddSource(join.FirstTableReference);
                AddSource(join.SecondTableReference);
                break;
            case JoinParenthesisTableReference parenthesis:
                AddSource(parenthesis.Join);
                break;
            case VariableTableReference variable:
                _scope.Sources.Add(TableVariable(variable));
                break;
            case OpenJsonTableReference json:
                Walk(json.Variable);
                IReadOnlyList<string> declared = [.. json.SchemaDeclarationItems.Select(i => i.ColumnDefinition.ColumnIdentifier.Value)];
                _scope.Sources.Add(new Source(json.Alias?.Value ?? "OPENJSON", declared.Count > 0 ? declared : ["key", "value", "type"], "OPENJSON"));
                break;
            case GlobalFunctionTableReference function:
                foreach (var parameter in function.Parameters) Walk(parameter);
                var split = Names.Equals(function.Name.Value, "STRING_SPLIT");
                _scope.Sources.Add(new Source(function.Alias?.Value ?? function.Name.Value, split ? ["value", "ordinal"] : null, function.Name.Value));
                break;
            case TableReferenceWithAlias other:
                Walk(other);
                _scope.Sources.Add(new Source(other.Alias?.Value ?? "", null, other.GetType().Name));
                break;
            default:
                Walk(table);
                break;
        }
    }

    /// <summary>The right side of APPLY sees the tables to its left.</summary>
    private void AddLateral(TableReference table)
    {
        if (table is not QueryDerivedTable derived)
        {
            AddSource(table);
            return;
        }
        var outputs = BindQuery(derived.QueryExpression);
        _scope.Sources.Add(new Source(derived.Alias.Value, Renamed(derived.Columns, outputs), $"derived table {derived.Alias.Value}"));
    }

    private static IReadOnlyList<string>? Renamed(IList<Identifier> columns, IReadOnlyList<string>? outputs) =>
        columns.Count > 0 ? [.. columns.Select(c => c.Value)] : outputs;

    /// <summary>A derived table in FROM sees the outer queries, not the tables beside it.</summary>
    private T WithoutSiblings<T>(Func<T> bind)
    {
        var saved = _scope;
        _scope = new Scope(saved.Parent);
        try
        {
            return bind();
        }
        finally
        {
            _scope = saved;
        }
    }

    private void WithoutSiblings(Action bind) => WithoutSiblings(() => { bind(); return 0; });

    private void WithCtes(WithCtesAndXmlNamespaces? with, Action bind)
    {
        var scope = Push();
        try
        {
            foreach (var cte in with?.CommonTableExpressions ?? [])
            {
                var name = cte.ExpressionName.Value;
                IReadOnlyList<string>? declared = cte.Columns.Count > 0 ? [.. cte.Columns.Select(c => c.Value)] : null;
                scope.Ctes[name] = new Source(name, declared, $"CTE {name}"); // a recursive CTE sees itself
                scope.Ctes[name] = new Source(name, declared ?? BindQuery(cte.QueryExpression), $"CTE {name}");
                if (declared is not null) BindQuery(cte.QueryExpression);
            }
            bind();
        }
        finally
        {
            Pop();
        }
    }

    private Source TableVariable(VariableTableReference variable)
    {
        var name = variable.Variable.Name;
        if (!_temporary.TryGetValue(name, out var columns)) Error(variable, $"no table variable '{name}' is declared before it is used");
        return new Source(variable.Alias?.Value ?? name, columns, $"table variable {name}");
    }
}
