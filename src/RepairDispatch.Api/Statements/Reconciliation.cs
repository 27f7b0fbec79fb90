namespace RepairDispatch.Api.Statements;

/// <summary>
/// One of our claims: a work order's lines in the manufacturer's settlement runs, summed (adjustments included).
/// <paramref name="Expected"/>: claimed in a run of the statement's own period, so the statement should answer it;
/// a claim of an earlier period counts only when the statement names it (a late answer). <paramref name="TheirNumber"/>:
/// the brand's own order number of a manufacturer order.
/// </summary>
public sealed record OurClaim(Guid WorkOrderId, string Number, string? Serial, DateOnly? CompletedOn, long AmountFen, bool Expected,
    string? TheirNumber = null);

public enum Outcome { Matched, AmountDiffers, Rejected, Duplicate, UnknownToUs, MissingOnTheirSide }

/// <summary>An outcome: for a statement line (<paramref name="Row"/>) or for a claim they did not name (no row).</summary>
public sealed record ReconciledItem(Outcome Outcome, int? Row, Guid? WorkOrderId, string? WorkOrderNumber, string? TheirRef,
    long? OurFen, long? TheirFen, long DeltaFen, string? Reason, RejectionReason? ReasonCode);

public sealed record OutcomeTotal(int Count, long OursFen, long TheirsFen);

/// <summary>
/// Our claimed total = their approved total for our claims + their cuts + rejected + missing on their side. Lines unknown
/// to us and duplicates are outside it (listed apart). <see cref="UnexplainedFen"/> is what the identity misses by.
/// </summary>
public sealed record ReconciliationIdentity(long OurClaimedFen, long TheirApprovedForOurClaimsFen, long TheirCutsFen, long RejectedFen,
    long MissingOnTheirSideFen)
{
    public long UnexplainedFen => OurClaimedFen - (TheirApprovedForOurClaimsFen + TheirCutsFen + RejectedFen + MissingOnTheirSideFen);
}

public sealed record ReconciliationResult(IReadOnlyList<ReconciledItem> Items, IReadOnlyDictionary<Outcome, OutcomeTotal> Totals,
    long OursFen, long TheirsFen, ReconciliationIdentity Identity);

/// <summary>
/// The pure core: each statement line, in file order, is matched to one of our claims by our work-order number, else
/// by their own order number (a manufacturer order keeps it), else by serial number + completion date. The
/// first line naming a claim answers it; a later one is a Duplicate. A rejected line is Rejected (our whole amount);
/// otherwise equal amounts are Matched and different ones AmountDiffers (delta = theirs − ours). Expected claims no line
/// names are MissingOnTheirSide.
/// </summary>
public static class Reconciliation
{
    public static ReconciliationResult Reconcile(IReadOnlyList<OurClaim> claims, IEnumerable<StatementLine> lines, StatementMapping mapping)
    {
        var byNumber = new Dictionary<string, OurClaim>(StringComparer.OrdinalIgnoreCase);
        var byTheirNumber = new Dictionary<string, OurClaim>(StringComparer.OrdinalIgnoreCase);
        var bySerialDay = new Dictionary<(string, DateOnly), OurClaim>();
        foreach (var claim in claims)
        {
            byNumber.TryAdd(claim.Number.Trim(), claim);
            if (claim.TheirNumber is { } theirs) byTheirNumber.TryAdd(theirs.Trim(), claim);
            if (claim.Serial is { } serial && claim.CompletedOn is { } day) bySerialDay.TryAdd((Key(serial), day), claim);
        }
        var answered = new HashSet<Guid>();
        var items = new List<ReconciledItem>();
        foreach (var line in lines)
        {
            var claim = line.WorkOrderNumber is { } n && byNumber.TryGetValue(n.Trim(), out var c1) ? c1
                : line.ManufacturerOrderNumber is { } m && byTheirNumber.TryGetValue(m.Trim(), out var c3) ? c3
                : line.SerialNumber is { } s && line.CompletedOn is { } d && bySerialDay.TryGetValue((Key(s), d), out var c2) ? c2 : null;
            var theirRef = line.WorkOrderNumber ?? line.ManufacturerOrderNumber ?? $"{line.SerialNumber} {line.CompletedOn:yyyy-MM-dd}".Trim();
            var reason = line.DeductionReason;
            if (claim is null)
                items.Add(new(Outcome.UnknownToUs, line.Row, null, null, theirRef, null, line.ApprovedFen, line.ApprovedFen, reason, mapping.ReasonOf(reason)));
            else if (!answered.Add(claim.WorkOrderId))
                items.Add(new(Outcome.Duplicate, line.Row, claim.WorkOrderId, claim.Number, theirRef, null, line.ApprovedFen, line.ApprovedFen, reason, mapping.ReasonOf(reason)));
            else if (line.Rejected)
                items.Add(new(Outcome.Rejected, line.Row, claim.WorkOrderId, claim.Number, theirRef, claim.AmountFen, 0, -claim.AmountFen, reason, mapping.ReasonOf(reason)));
            else
            {
                var delta = line.ApprovedFen - claim.AmountFen;
                items.Add(new(delta == 0 ? Outcome.Matched : Outcome.AmountDiffers, line.Row, claim.WorkOrderId, claim.Number, theirRef,
                    claim.AmountFen, line.ApprovedFen, delta, delta == 0 ? null : reason, delta == 0 ? null : mapping.ReasonOf(reason)));
            }
        }
        foreach (var claim in claims.Where(c => c.Expected && !answered.Contains(c.WorkOrderId)).OrderBy(c => c.Number, StringComparer.Ordinal))
            items.Add(new(Outcome.MissingOnTheirSide, null, claim.WorkOrderId, claim.Number, null, claim.AmountFen, null, -claim.AmountFen, null, null));

        var totals = Enum.GetValues<Outcome>().ToDictionary(o => o, o =>
        {
            var of = items.Where(i => i.Outcome == o).ToList();
            return new OutcomeTotal(of.Count, of.Sum(i => i.OurFen ?? 0), of.Sum(i => i.TheirFen ?? 0));
        });
        var cuts = -items.Where(i => i.Outcome == Outcome.AmountDiffers).Sum(i => i.DeltaFen);
        var identity = new ReconciliationIdentity(
            // Counted from the claims themselves, not from the outcomes, so the identity is a check and not a restatement.
            OurClaimedFen: claims.Where(c => c.Expected || answered.Contains(c.WorkOrderId)).Sum(c => c.AmountFen),
            TheirApprovedForOurClaimsFen: totals[Outcome.Matched].TheirsFen + totals[Outcome.AmountDiffers].TheirsFen,
            TheirCutsFen: cuts,
            RejectedFen: totals[Outcome.Rejected].OursFen,
            MissingOnTheirSideFen: totals[Outcome.MissingOnTheirSide].OursFen);
        return new ReconciliationResult(items, totals, identity.OurClaimedFen, items.Sum(i => i.TheirFen ?? 0), identity);
    }

    private static string Key(string serial) => serial.Trim().ToUpperInvariant();
}
