namespace RepairDispatch.Api.Receivables;

/// <summary>What a statement said about one of our claims: the approved amount (0 when rejected), known from the day it was imported.</summary>
public sealed record StatementAnswer(Guid StatementId, DateOnly KnownOn, long ApprovedFen);

/// <summary>One claim (a work order's settlement lines in runs sent to the manufacturer), completed on the store's day.</summary>
public sealed record ReceivableClaim(Guid WorkOrderId, Guid ManufacturerId, Guid StoreId, DateOnly CompletedOn, long ClaimedFen, DateOnly? RunPaidOn, StatementAnswer? Answer);

/// <summary>Money of a payment allocated to a statement, received on a day.</summary>
public sealed record StatementMoney(Guid StatementId, DateOnly ReceivedOn, long AmountFen);

public sealed record AgingBuckets(long D0To30Fen, long D31To60Fen, long D61To90Fen, long D90PlusFen)
{
    public long TotalFen => D0To30Fen + D31To60Fen + D61To90Fen + D90PlusFen;
}

public sealed record ManufacturerAging(Guid ManufacturerId, AgingBuckets Buckets, decimal? DaysToCashMedian);

/// <summary>
/// Receivables as of a day, pure. A claim is owed from its completion day: what we claimed, or, once a statement
/// answered it (imported by asOf), what the statement approved when that is less (a cut or a rejection is not a
/// receivable). Payments reach claims through the statements they were allocated to: each statement's money, in the
/// order received, pays its claims oldest completion first; a claim is cleared on the day of the payment that paid its
/// last fen. A run marked paid (the run "pay" action) clears all its claims on its paid day. Money received after asOf
/// does not count. Days owed = asOf − completion day: 0–30, 31–60, 61–90, over 90. The median of days from completion
/// to clearing is over the claims cleared in the year up to asOf (asOf − 1 year, asOf].
/// </summary>
public static class Aging
{
    /// <param name="storeId">Ages only this store's claims; payments are still poured over every store's claims first, as the manufacturer paid them.</param>
    public static IReadOnlyList<ManufacturerAging> Age(IEnumerable<ReceivableClaim> claims, IEnumerable<StatementMoney> money, DateOnly asOf, Guid? storeId = null)
    {
        var open = claims.Where(c => c.CompletedOn <= asOf)
            .Select(c => new Owed(c, Answered(c, asOf) is { } a ? Math.Min(a.ApprovedFen, c.ClaimedFen) : c.ClaimedFen))
            .ToList();
        var received = money.Where(m => m.ReceivedOn <= asOf).ToLookup(m => m.StatementId);
        foreach (var statement in open.Where(o => Answered(o.Claim, asOf) is not null).GroupBy(o => Answered(o.Claim, asOf)!.StatementId))
            Pay([.. statement.OrderBy(o => o.Claim.CompletedOn).ThenBy(o => o.Claim.WorkOrderId)], received[statement.Key].OrderBy(m => m.ReceivedOn));
        foreach (var o in open)
            if (o.Claim.RunPaidOn is { } paid && paid <= asOf && o.Left > 0)
            {
                o.Left = 0;
                o.ClearedOn = paid;
            }

        var yearAgo = asOf.AddYears(-1);
        return [.. open.Where(o => storeId is null || o.Claim.StoreId == storeId).GroupBy(o => o.Claim.ManufacturerId).OrderBy(g => g.Key).Select(g =>
        {
            long[] buckets = [0, 0, 0, 0];
            foreach (var o in g.Where(o => o.Left > 0)) buckets[Bucket(asOf.DayNumber - o.Claim.CompletedOn.DayNumber)] += o.Left;
            var days = g.Where(o => o.OwedFen > 0 && o.ClearedOn is { } d && d > yearAgo)
                .Select(o => o.ClearedOn!.Value.DayNumber - o.Claim.CompletedOn.DayNumber).ToList();
            return new ManufacturerAging(g.Key, new AgingBuckets(buckets[0], buckets[1], buckets[2], buckets[3]), Median(days));
        })];
    }

    /// <summary>0: 0–30 days, 1: 31–60, 2: 61–90, 3: over 90.</summary>
    public static int Bucket(int days) => days switch { <= 30 => 0, <= 60 => 1, <= 90 => 2, _ => 3 };

    /// <summary>The middle value; of an even count, the mean of the two middle ones (so it may end in .5). Null when empty.</summary>
    public static decimal? Median(IReadOnlyCollection<int> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }

    private static StatementAnswer? Answered(ReceivableClaim c, DateOnly asOf) => c.Answer is { } a && a.KnownOn <= asOf ? a : null;

    private static void Pay(List<Owed> claims, IEnumerable<StatementMoney> money)
    {
        var next = 0;
        foreach (var m in money)
        {
            var amount = m.AmountFen;
            while (amount > 0 && next < claims.Count)
            {
                var claim = claims[next];
                var paid = Math.Min(amount, claim.Left);
                claim.Left -= paid;
                amount -= paid;
                if (claim.Left > 0) continue;
                claim.ClearedOn ??= m.ReceivedOn;
                next++;
            }
        }
    }

    private sealed class Owed(ReceivableClaim claim, long owedFen)
    {
        public ReceivableClaim Claim { get; } = claim;
        public long OwedFen { get; } = owedFen;
        public long Left { get; set; } = owedFen;
        public DateOnly? ClearedOn { get; set; }
    }
}
