using System.Globalization;
using RepairDispatch.Api.Callbacks;
using RepairDispatch.Api.Claims;
using RepairDispatch.Api.OldParts;
using RepairDispatch.Api.Photos;

namespace RepairDispatch.Tests.Claims;

/// <summary>The pure claim core at its edges: callbacks, evidence, old parts, the deadline and its release, a run.</summary>
public class ClaimRulesTests
{
    private static readonly DateOnly Today = new(2026, 6, 10);
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <param name="rules">`callback`, `evidence:Kind+Kind`, `oldPart`, separated by spaces.</param>
    /// <param name="callbacks">`Status` or `Status@dd` (a day of June), comma-separated.</param>
    /// <param name="photos">Kinds, comma-separated.</param>
    /// <param name="parts">`Tag:Status` (return required) or `Tag:Status:free` (not required), comma-separated.</param>
    /// <param name="claimBy">Days from today to the deadline; null = none.</param>
    /// <param name="blockers">The blockers in English, `|`-separated.</param>
    [Theory]
    [InlineData("no rules: ready at once", "", "", "", "", null, false, false, "Ready", "")]
    [InlineData("callback required, none made", "callback", "", "", "", null, false, false, "NotReady",
        "The customer was not called back (no consent to callbacks); the manufacturer requires a callback.")]
    [InlineData("callback scheduled", "callback", "Scheduled@11", "", "", null, false, false, "NotReady", "Customer callback not yet done (due 2026-06-11).")]
    [InlineData("callback unanswered, tried again", "callback", "NoAnswer@12", "", "", null, false, false, "NotReady", "Customer callback not yet done (due 2026-06-12).")]
    [InlineData("callback refused", "callback", "Refused", "", "", null, false, false, "NotReady",
        "The customer callback did not succeed (Refused); the manufacturer requires a successful one.")]
    [InlineData("one unreachable, the 30-day one still open", "callback", "Unreachable@11,Scheduled@30", "", "", null, false, false, "NotReady",
        "Customer callback not yet done (due 2026-06-30).")]
    [InlineData("one refused, one reached", "callback", "Refused@11,Done@30", "", "", null, false, false, "Ready", "")]
    [InlineData("callback not required, refused", "", "Refused", "", "", null, false, false, "Ready", "")]
    [InlineData("evidence: one of two kinds", "evidence:Nameplate+Invoice", "", "Nameplate,SiteAfter", "", null, false, false, "NotReady",
        "Evidence photos missing: invoice.")]
    [InlineData("evidence: none of two kinds", "evidence:Invoice+Nameplate", "", "", "", null, false, false, "NotReady",
        "Evidence photos missing: nameplate, invoice.")]
    [InlineData("evidence: all kinds and more", "evidence:Nameplate+Invoice", "", "Invoice,Nameplate,SiteBefore", "", null, false, false, "Ready", "")]
    [InlineData("old part with the technician", "oldPart", "", "", "OP-2:WithTechnician,OP-1:InStore", null, false, false, "NotReady",
        "Old part not yet returned to the manufacturer: OP-1, OP-2.")]
    [InlineData("old part shipped", "oldPart", "", "", "OP-1:Shipped", null, false, false, "Ready", "")]
    [InlineData("old part received", "oldPart", "", "", "OP-1:Received", null, false, false, "Ready", "")]
    [InlineData("old part scrapped on the manufacturer's word", "oldPart", "", "", "OP-1:Scrapped", null, false, false, "Ready", "")]
    [InlineData("old part lost", "oldPart", "", "", "OP-1:Lost,OP-2:Received", null, false, false, "NotReady",
        "Old part lost; the manufacturer does not pay without it: OP-1.")]
    [InlineData("a part the contract lets the station keep", "oldPart", "", "", "OP-1:WithTechnician:free", null, false, false, "Ready", "")]
    [InlineData("no old-part rule", "", "", "", "OP-1:WithTechnician", null, false, false, "Ready", "")]
    [InlineData("last day to submit", "", "", "", "", 0, false, false, "Ready", "")]
    [InlineData("a day past the deadline", "", "", "", "", -1, false, false, "Expired", "")]
    [InlineData("past the deadline with blockers kept", "evidence:Invoice", "", "", "", -5, false, false, "Expired", "Evidence photos missing: invoice.")]
    [InlineData("released after the deadline", "", "", "", "", -5, true, false, "Ready", "")]
    [InlineData("released, still blocked", "callback", "Scheduled@11", "", "", -5, true, false, "NotReady", "Customer callback not yet done (due 2026-06-11).")]
    [InlineData("taken by a run: claimed for good", "callback evidence:Invoice", "", "", "", -30, false, true, "Claimed", "")]
    [InlineData("everything at once", "callback evidence:FailedPart oldPart", "Scheduled@11", "", "OP-9:InStore", null, false, false, "NotReady",
        "Customer callback not yet done (due 2026-06-11).|Evidence photos missing: failed part.|Old part not yet returned to the manufacturer: OP-9.")]
    public void DecidesTheStateAndNamesEachBlocker(string why, string rules, string callbacks, string photos, string parts, int? claimBy,
        bool released, bool inRun, string state, string blockers)
    {
        var facts = new ClaimFacts(Rules(rules), [.. List(callbacks).Select(Callback)], List(photos).Select(Enum.Parse<PhotoKind>).ToHashSet(),
            [.. List(parts).Select(Part)], claimBy is { } d ? Today.AddDays(d) : null, Today, released, inRun);

        var decision = ClaimRules.Decide(facts);

        decision.State.Should().Be(Enum.Parse<ClaimState>(state), why);
        decision.Blockers.Select(b => b.Render(English)).Should().Equal(List(blockers, '|'), why);
    }

    [Fact]
    public void BlockersAreCodesWithArgumentsAndRenderInChinese()
    {
        var facts = new ClaimFacts(Rules("evidence:Nameplate+Invoice oldPart"), [], new HashSet<PhotoKind>(), [new OldPartFact("OP-7", OldPartStatus.InStore, true)],
            null, Today, false, false);

        var blockers = ClaimRules.Decide(facts).Blockers;

        blockers.Select(b => b.Code).Should().Equal("claim-blocker.evidence-missing", "claim-blocker.old-part-not-returned");
        blockers[1].Args["tags"].Should().BeEquivalentTo(new[] { "OP-7" });
        blockers[0].Render(CultureInfo.GetCultureInfo("zh-CN")).Should().Be("缺少凭证照片：铭牌、购机发票。");
    }

    private static IEnumerable<string> List(string text, char separator = ',') =>
        text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ClaimRuleSet Rules(string text)
    {
        var words = List(text, ' ').ToList();
        var evidence = words.FirstOrDefault(w => w.StartsWith("evidence:", StringComparison.Ordinal))?["evidence:".Length..].Split('+') ?? [];
        return new ClaimRuleSet(words.Contains("callback"), evidence.Select(Enum.Parse<PhotoKind>).ToHashSet(), words.Contains("oldPart"));
    }

    private static CallbackFact Callback(string text)
    {
        var parts = text.Split('@');
        return new CallbackFact(Enum.Parse<CallbackStatus>(parts[0]), parts.Length > 1 ? new DateOnly(2026, 6, int.Parse(parts[1])) : Today.AddDays(1));
    }

    private static OldPartFact Part(string text)
    {
        var parts = text.Split(':');
        return new OldPartFact(parts[0], Enum.Parse<OldPartStatus>(parts[1]), parts.Length < 3);
    }
}
