using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace RepairDispatch.Tests.Infrastructure.SqlBinding;

/// <summary>
/// SQLite lets a grouped query select a column that is neither grouped nor aggregated (it picks a row); SQL Server refuses
/// it (Msg 8120), so such a shared query passes every SQLite test and fails in production.
/// </summary>
public sealed partial class TSqlBinder
{
    private static readonly HashSet<string> Aggregates = new(Names)
    {
        "COUNT", "COUNT_BIG", "SUM", "MIN", "MAX", "AVG", "STRING_AGG", "STDEV", "STDEVP", "VAR", "VARP", "CHECKSUM_AGG", "APPROX_COUNT_DISTINCT", "GROUPING",
    };

    /// <summary>Run in the query's own scope, after its names are bound.</summary>
    private void RequireGroupedOrAggregated(QuerySpecification query)
    {
        var groupedBy = query.GroupByClause?.GroupingSpecifications.OfType<ExpressionGroupingSpecification>().Select(g => g.Expression).ToList() ?? [];
        if (groupedBy.Count == 0 && !query.SelectElements.Any(e => Columns(e).Aggregated)) return;
        var groupedColumns = groupedBy.OfType<ColumnReferenceExpression>().Select(OwnKey).OfType<string>().ToHashSet(Names);
        var groupedTexts = groupedBy.Select(Text).ToList();
        var orderBy = query.OrderByClause?.OrderByElements.Select(o => o.Expression).ToList() ?? [];
        foreach (var part in query.SelectElements.Cast<TSqlFragment?>().Append(query.HavingClause).Concat(orderBy).OfType<TSqlFragment>())
        {
            var text = Text(part);
            foreach (var column in Columns(part).Bare)
            {
                var name = column.MultiPartIdentifier.Identifiers[^1].Value;
                if (orderBy.Contains(part) && column.MultiPartIdentifier.Identifiers.Count == 1 && _scope.SelectNames.Contains(name, Names)) continue; // an output name
                if (OwnKey(column) is not { } key || groupedColumns.Contains(key)) continue; // an outer query's column is one value per group
                if (groupedTexts.Any(g => text.Contains(g, StringComparison.Ordinal) && g.Contains(Text(column), StringComparison.Ordinal))) continue;
                Error(column, $"'{Text(column)}' is neither in GROUP BY nor inside an aggregate: SQL Server refuses it (Msg 8120)");
            }
        }
    }

    /// <summary>The column's table in this query's own FROM and the column, or null when it belongs to an outer query.</summary>
    private string? OwnKey(ColumnReferenceExpression column)
    {
        var parts = column.MultiPartIdentifier.Identifiers;
        var owner = parts.Count > 1
            ? _scope.Sources.LastOrDefault(s => Names.Equals(s.Name, parts[^2].Value))
            : _scope.Sources.FirstOrDefault(s => !s.Opaque && s.Has(parts[^1].Value));
        return owner is null ? null : $"{owner.Name}.{parts[^1].Value}";
    }

    private static string Text(TSqlFragment fragment) => string.Concat(
        Enumerable.Range(fragment.FirstTokenIndex, fragment.LastTokenIndex - fragment.FirstTokenIndex + 1)
            .Select(i => fragment.ScriptTokenStream[i]).Where(t => t.TokenType != TSqlTokenType.WhiteSpace).Select(t => t.Text.ToLowerInvariant()));

    /// <summary>The columns of an expression outside aggregates and subqueries, and whether it holds an aggregate.</summary>
    private static (List<ColumnReferenceExpression> Bare, bool Aggregated) Columns(TSqlFragment fragment)
    {
        var finder = new BareColumns();
        fragment.Accept(finder);
        return (finder.Found, finder.Aggregated);
    }

    private sealed class BareColumns : TSqlFragmentVisitor
    {
        public List<ColumnReferenceExpression> Found { get; } = [];
        public bool Aggregated { get; private set; }

        public override void ExplicitVisit(ColumnReferenceExpression node)
        {
            if (node.ColumnType == ColumnType.Regular && node.MultiPartIdentifier is not null) Found.Add(node);
        }

        public override void ExplicitVisit(FunctionCall node)
        {
            if (node.OverClause is null && Aggregates.Contains(node.FunctionName.Value)) Aggregated = true;
            else if (DatePartFunctions.Contains(node.FunctionName.Value)) foreach (var parameter in node.Parameters.Skip(1)) parameter.Accept(this);
            else base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(ScalarSubquery node) { }

        public override void ExplicitVisit(ExistsPredicate node) { }

        public override void ExplicitVisit(OverClause node) { }
    }
}
