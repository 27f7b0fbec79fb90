namespace RepairDispatch.Api.Settlements;

/// <summary>
/// How an order's settlement lines are found (V0028): a collected line's id is its charge's id, so those come through
/// work_order_charges; lines made from other lines (a resubmission's copy, an adjustment, a statement's answer) are in
/// the partial index ix_settlement_lines_derived, which SQLite uses only when the query repeats its condition.
/// </summary>
public static class SettlementLines
{
    /// <summary>The partial index's condition, for a line aliased <c>l</c>.</summary>
    public const string Derived = "(l.resubmits_line_id IS NOT NULL OR l.adjusts_line_id IS NOT NULL OR l.statement_id IS NOT NULL)";
}
