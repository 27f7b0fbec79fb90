namespace RepairDispatch.Api.Settlements;

/// <summary>
/// CNY amounts as <see cref="decimal"/> yuan. Every line is rounded half-up (away from zero) to 0.01 (分);
/// totals are sums of already-rounded lines and are never rounded again.
/// </summary>
public static class Money
{
    /// <summary>Half-up to the fen: 0.005 → 0.01, 1.005 → 1.01, 12.344 → 12.34.</summary>
    public static decimal Round(decimal yuan) => decimal.Round(yuan, 2, MidpointRounding.AwayFromZero);

    /// <summary>Sum of the (already rounded) line amounts.</summary>
    public static decimal Total(IEnumerable<ChargeLine> lines) => lines.Sum(l => l.Amount);
}
