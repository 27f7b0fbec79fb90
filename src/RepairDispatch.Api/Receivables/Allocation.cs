namespace RepairDispatch.Api.Receivables;

/// <summary>What a statement still owes: its approved lines' total less the payments already allocated to it.</summary>
public sealed record StatementDue(Guid StatementId, string Period, DateTimeOffset ImportedAt, long DueFen);

/// <summary>
/// A payment is allocated to the statements it names, oldest first (period, then import time), each up to what it still
/// owes. An amount beyond the total still owed is refused, not kept as credit: money that no statement asks for is
/// either a mistake in the entry or a statement not yet imported, and finance should find out which before recording it.
/// </summary>
public static class Allocation
{
    /// <summary>The allocation per statement (0 where older ones took it all), or null when the amount exceeds what they owe together.</summary>
    public static IReadOnlyList<(Guid StatementId, long AmountFen)>? Allocate(long amountFen, IEnumerable<StatementDue> statements)
    {
        var left = amountFen;
        var result = new List<(Guid, long)>();
        foreach (var s in statements.OrderBy(s => s.Period, StringComparer.Ordinal).ThenBy(s => s.ImportedAt).ThenBy(s => s.StatementId))
        {
            var take = Math.Clamp(left, 0, Math.Max(s.DueFen, 0));
            result.Add((s.StatementId, take));
            left -= take;
        }
        return left > 0 ? null : result;
    }
}
