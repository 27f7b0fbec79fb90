using RepairDispatch.Api.Callbacks;
using RepairDispatch.Api.OldParts;
using RepairDispatch.Api.Photos;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Claims;

public enum ClaimState { NotReady, Ready, Claimed, Expired }

/// <summary>The claim rules of the order's contract version, for the order's type.</summary>
public sealed record ClaimRuleSet(bool CallbackRequired, IReadOnlySet<PhotoKind> EvidenceKinds, bool OldPartReturnRequired)
{
    public static readonly ClaimRuleSet None = new(false, new HashSet<PhotoKind>(), false);
}

public sealed record CallbackFact(CallbackStatus Status, DateOnly DueOn);

public sealed record OldPartFact(string Tag, OldPartStatus Status, bool ReturnRequired);

/// <param name="ClaimBy">The store-local last day to submit; null = no deadline.</param>
/// <param name="Released">A manager released the claim from its deadline.</param>
/// <param name="InRun">A settlement run has taken it.</param>
public sealed record ClaimFacts(
    ClaimRuleSet Rules, IReadOnlyList<CallbackFact> Callbacks, IReadOnlySet<PhotoKind> Photos, IReadOnlyList<OldPartFact> OldParts,
    DateOnly? ClaimBy, DateOnly Today, bool Released, bool InRun);

public sealed record ClaimDecision(ClaimState State, IReadOnlyList<Text> Blockers);

/// <summary>
/// Whether a manufacturer would accept a claim today (domain.md "Claims"). Pure: no I/O, no clock.
/// - Callback: one Done (the customer reached, whatever the score) satisfies it; while one is open it is pending; when all
///   ended otherwise (Refused, Unreachable, Cancelled) it failed; with none at all (no consent) it cannot be met.
/// - Evidence: every kind the contract asks for this order type, at least one photo each; missing ones are named.
/// - Old parts that must go back count as returned once Shipped or Received. Scrapped is a manager's write-off, with a
///   reason, of a part the manufacturer lets the station scrap on site (就地报废), so it no longer blocks. Lost blocks for
///   good: the brand rejects a claim whose part never comes back, so no run takes it and its deadline ends it.
/// - Expired: the store-local day is past <c>ClaimBy</c> and no manager released it; the blockers are still listed.
/// - Claimed (in a run) is final.
/// </summary>
public static class ClaimRules
{
    public static ClaimDecision Decide(ClaimFacts f)
    {
        if (f.InRun) return new(ClaimState.Claimed, []);
        var blockers = new List<Text>();
        if (f.Rules.CallbackRequired && CallbackBlocker(f.Callbacks) is { } callback) blockers.Add(callback);
        var missing = f.Rules.EvidenceKinds.Where(k => !f.Photos.Contains(k)).Order().ToList();
        if (missing.Count > 0) blockers.Add(Codes.ClaimBlocker.EvidenceMissing.With(missing.Select(k => Codes.Word(k)).ToList()));
        if (f.Rules.OldPartReturnRequired)
        {
            var required = f.OldParts.Where(p => p.ReturnRequired).OrderBy(p => p.Tag, StringComparer.Ordinal).ToList();
            var lost = required.Where(p => p.Status == OldPartStatus.Lost).Select(p => p.Tag).ToList();
            var notBack = required.Where(p => p.Status is OldPartStatus.WithTechnician or OldPartStatus.InStore).Select(p => p.Tag).ToList();
            if (notBack.Count > 0) blockers.Add(Codes.ClaimBlocker.OldPartNotReturned.With(notBack));
            if (lost.Count > 0) blockers.Add(Codes.ClaimBlocker.OldPartLost.With(lost));
        }
        if (f.ClaimBy is { } by && f.Today > by && !f.Released) return new(ClaimState.Expired, blockers);
        return new(blockers.Count == 0 ? ClaimState.Ready : ClaimState.NotReady, blockers);
    }

    private static Text? CallbackBlocker(IReadOnlyList<CallbackFact> callbacks)
    {
        if (callbacks.Any(c => c.Status == CallbackStatus.Done)) return null;
        if (callbacks.Count == 0) return Codes.ClaimBlocker.CallbackNone;
        var open = callbacks.Where(c => c.Status is CallbackStatus.Scheduled or CallbackStatus.NoAnswer).OrderBy(c => c.DueOn).FirstOrDefault();
        if (open is not null) return Codes.ClaimBlocker.CallbackPending.With(Codes.Day(open.DueOn));
        return Codes.ClaimBlocker.CallbackFailed.With(Codes.Word(callbacks.MaxBy(c => c.DueOn)!.Status));
    }
}
