using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Sanbao;

namespace RepairDispatch.Tests.Sanbao;

/// <summary>
/// The pure 三包 core at every edge, for an invoice of 2026-03-01 and a 12-month warranty (through 2027-02-28).
/// Repairs are written "fault:c|o (completed or open):i|x (in warranty or not):days in repair:days waiting for parts".
/// </summary>
public class EntitlementTests
{
    private static readonly DateOnly Invoice = new(2026, 3, 1);

    [Theory]
    // today        failure on    repairs                             → entitlement  until         the reason that decides
    [InlineData("2026-03-01", null, "",                                 "Return",     "2026-03-08", "sanbao.return-7")]     // invoice day
    [InlineData("2026-03-08", null, "",                                 "Return",     "2026-03-08", "sanbao.return-7")]     // day 7
    [InlineData("2026-03-09", null, "",                                 "Exchange",   "2026-03-16", "sanbao.exchange-15")]  // day 8
    [InlineData("2026-03-16", null, "",                                 "Exchange",   "2026-03-16", "sanbao.exchange-15")]  // day 15
    [InlineData("2026-03-17", null, "",                                 "RepairOnly", "2027-02-28", "sanbao.repair-only")]  // day 16
    [InlineData("2026-03-20", "2026-03-08", "-:o:i:12:0",               "Return",     "2026-03-08", "sanbao.return-7")]     // reported on day 7, still open
    [InlineData("2026-03-20", "2026-03-09", "-:o:i:11:0",               "Exchange",   "2026-03-16", "sanbao.exchange-15")]  // reported on day 8
    [InlineData("2026-06-01", null, "E1:c:i:0:0",                       "RepairOnly", "2027-02-28", "sanbao.repair-only")]  // first repair
    [InlineData("2026-06-01", null, "E1:c:i:0:0 E1:c:i:0:0",            "Return",     "2027-02-28", "sanbao.same-fault")]   // second repair of the same fault
    [InlineData("2026-06-01", null, "E1:c:i:0:0 E2:c:i:0:0",            "RepairOnly", "2027-02-28", "sanbao.repair-only")]  // two different faults
    [InlineData("2026-06-01", null, "E1:c:i:0:0 E1:o:i:0:0",            "RepairOnly", "2027-02-28", "sanbao.repair-only")]  // second still open
    [InlineData("2026-06-01", null, "E1:c:x:0:0 E1:c:i:0:0",            "RepairOnly", "2027-02-28", "sanbao.repair-only")]  // one was out of warranty
    [InlineData("2026-06-01", null, "-:c:i:0:0 -:c:i:0:0",              "RepairOnly", "2027-02-28", "sanbao.repair-only")]  // fault unknown: not counted
    [InlineData("2026-09-01", null, "E1:c:i:90:90",                     "RepairOnly", "2027-05-29", "sanbao.repair-only")]  // 90 days for parts: not over
    [InlineData("2026-09-01", null, "E1:c:i:91:91",                     "Exchange",   null,         "sanbao.parts-wait")]   // 91 days for parts
    [InlineData("2026-09-01", null, "E1:o:i:91:91",                     "Exchange",   null,         "sanbao.parts-wait")]   // still waiting, day 91
    [InlineData("2026-09-01", null, "E1:c:x:95:95",                     "RepairOnly", "2027-02-28", "sanbao.repair-only")]  // not an in-warranty repair
    [InlineData("2026-09-01", null, "E1:c:i:30:0",                      "RepairOnly", "2027-03-30", "sanbao.repair-only")]  // 30 own days: not over
    [InlineData("2026-09-01", null, "E1:c:i:31:0",                      "Exchange",   null,         "sanbao.repairer-delay")] // 31 own days
    [InlineData("2026-09-01", null, "E1:c:i:40:10",                     "RepairOnly", "2027-04-09", "sanbao.repair-only")]  // 40 days, 10 for parts: 30 own
    [InlineData("2027-02-28", null, "",                                 "RepairOnly", "2027-02-28", "sanbao.repair-only")]  // last day of the warranty
    [InlineData("2027-03-01", null, "",                                 "None",       null,         "sanbao.expired")]      // the day after
    [InlineData("2027-03-10", null, "-:c:i:10:0",                       "RepairOnly", "2027-03-10", "sanbao.repair-only")]  // extended by 10 days in repair
    [InlineData("2027-03-11", null, "-:c:i:10:0",                       "None",       null,         "sanbao.expired")]
    [InlineData("2027-03-01", null, "E1:c:i:0:0 E1:c:i:0:0",            "None",       null,         "sanbao.expired")]      // two repairs, but the warranty ended
    public void DecidesAtEveryEdge(string today, string? failureOn, string repairs, string entitlement, string? until, string reason)
    {
        var facts = new SanbaoFacts(Invoice, failureOn is null ? null : DateOnly.Parse(failureOn), 12, Repairs(repairs), [], 0, false);

        var answer = Entitlement.Decide(facts, DateOnly.Parse(today));

        answer.Entitlement.ToString().Should().Be(entitlement);
        answer.Until.Should().Be(until is null ? null : DateOnly.Parse(until));
        answer.Reasons.Select(r => r.Code).Should().Contain(reason);
        answer.Reasons.Should().AllSatisfy(r => r.Render(Localization.English).Should().NotContain("{"));
    }

    [Theory]
    [InlineData(ExclusionKind.Misuse)]
    [InlineData(ExclusionKind.UnauthorisedRepair)]
    [InlineData(ExclusionKind.NoProofOfPurchase)]
    [InlineData(ExclusionKind.CommercialUse)]
    public void AnExclusionOnAnOrderStopsEvenAReturnOnDayOne(ExclusionKind kind)
    {
        var answer = Entitlement.Decide(new SanbaoFacts(Invoice, null, 12, [], [kind], 0, false), Invoice.AddDays(1));

        answer.Entitlement.Should().Be(SanbaoEntitlement.None);
        answer.Until.Should().BeNull();
        answer.Reasons.Single().Code.Should().Be("sanbao.excluded");
        answer.Reasons.Single().Render(Localization.Chinese).Should().Contain("不适用三包");
    }

    [Fact]
    public void NoInvoiceDateOrARetiredApplianceIsOwedNothing()
    {
        Entitlement.Decide(new SanbaoFacts(null, null, 12, [], [], 0, false), Invoice).Reasons.Single().Code.Should().Be("sanbao.no-invoice");
        Entitlement.Decide(new SanbaoFacts(Invoice, null, 12, [], [], 0, true), Invoice).Reasons.Single().Code.Should().Be("sanbao.retired");
    }

    [Fact]
    public void TheFactsAreCountedAsShown()
    {
        var answer = Entitlement.Decide(new SanbaoFacts(Invoice, null, 12, Repairs("E1:c:i:20:5 E1:c:i:3:0 E2:c:i:4:1 E1:c:x:9:9"), [], 1, false),
            new DateOnly(2026, 8, 1));

        answer.RepairsForSameFault.Should().Be(2, "E1 twice in warranty; the out-of-warranty one does not count");
        answer.DaysInRepair.Should().Be(27);
        answer.DaysWaitingForParts.Should().Be(6);
        answer.Reasons.Select(r => r.Code).Should().Contain(["sanbao.extended", "sanbao.restarted"]);
    }

    private static List<SanbaoRepair> Repairs(string spec) =>
        [.. spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(':')).Select(p =>
            new SanbaoRepair(p[0] == "-" ? null : p[0], p[1] == "c", p[2] == "i", int.Parse(p[3]), int.Parse(p[4])))];
}
