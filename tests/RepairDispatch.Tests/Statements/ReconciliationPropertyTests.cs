using System.Globalization;
using RepairDispatch.Api.Statements;

namespace RepairDispatch.Tests.Statements;

/// <summary>
/// Statements derived from generated claims with known perturbations — lines dropped, cut, raised, rejected with reasons,
/// duplicated, keyed by serial + date instead of number, unknown lines added, the file reordered — written as a portal's
/// sheet (title and note rows, amounts as numbers or `¥1,234.56`/full-width/`元` text, dates as serials or Chinese text,
/// a totals row), read back by the table reader and reconciled. The reader must give back exactly the lines written,
/// and every outcome and every total must come out to the fen.
/// </summary>
public class ReconciliationPropertyTests
{
    private enum Fate { Exact, Cut, Raised, Rejected, Dropped }

    private static readonly StatementMapping Mapping = new(null, null, new StatementColumns("工单号", null, "条码", "完工日期", null, "审核金额", null, "原因", "状态"),
        StatementMapping.DefaultRejectedWords,
        [new ReasonRule("旧件", RejectionReason.PartNotReturned), new ReasonRule("条码", RejectionReason.InvalidSerial), new ReasonRule("超期", RejectionReason.LateSubmission)]);

    private static readonly (string Words, RejectionReason? Code)[] Reasons =
        [("旧件未返厂", RejectionReason.PartNotReturned), ("机身条码无效", RejectionReason.InvalidSerial), ("超期提交", RejectionReason.LateSubmission), ("资料不全，请补充", null)];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 300)];

    private sealed record Expected(Outcome Outcome, Guid? WorkOrderId, long? Ours, long? Theirs, RejectionReason? Code);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryOutcomeAndTotalComesOutToTheFen(int seed)
    {
        var random = new Random(seed);
        var day = new DateOnly(2026, 10, 1);
        var claims = Enumerable.Range(1, random.Next(0, 40)).Select(i => new OurClaim(Guid.NewGuid(), $"WO-202610{random.Next(1, 29):00}-{i:0000}",
            random.Next(4) == 0 ? null : $"SN{seed}X{i}", day.AddDays(random.Next(30)), random.Next(1, 2_000_000), Expected: random.Next(5) > 0)).ToList();

        // Each claim's fate and the lines the statement says about it (a duplicate repeats the line as it is).
        var lines = new List<(int Tag, StatementLine Line)>();
        var fates = new Dictionary<Guid, (Fate Fate, long Approved, string? Reason)>();
        foreach (var claim in claims)
        {
            var fate = (Fate)random.Next(5);
            var (approved, reason) = fate switch
            {
                Fate.Exact => (claim.AmountFen, (string?)null),
                Fate.Cut => (claim.AmountFen - random.NextInt64(1, claim.AmountFen + 1), Reasons[random.Next(Reasons.Length)].Words),
                Fate.Raised => (claim.AmountFen + random.Next(1, 5000), null),
                Fate.Rejected => (0L, Reasons[random.Next(Reasons.Length)].Words),
                _ => (0L, null),
            };
            fates[claim.WorkOrderId] = (fate, approved, reason);
            if (fate == Fate.Dropped) continue;
            var bySerial = claim.Serial is not null && random.Next(3) == 0;
            var line = new StatementLine(0, bySerial ? null : claim.Number, null, claim.Serial, claim.CompletedOn, null, approved, null, reason,
                fate == Fate.Rejected);
            lines.Add((lines.Count, line));
            if (random.Next(8) == 0) lines.Add((lines.Count, line));
        }
        for (var i = random.Next(0, 5); i > 0; i--)
            lines.Add((lines.Count, new StatementLine(0, $"X-{seed}-{i}", null, null, null, null, random.Next(0, 100_000), null, null, false)));
        var file = lines.OrderBy(_ => random.Next()).Select((l, row) => l.Line with { Row = FirstLineRow + row }).ToList();

        var problems = new List<StatementProblem>();
        var read = new StatementTable(Mapping).Lines(Sheet(file, random), problems.Add).ToList();
        problems.Should().BeEmpty("seed {0}", seed);
        read.Should().Equal(file, "the reader gives back the lines written (seed {0})", seed);
        var result = Reconciliation.Reconcile(claims, read, Mapping);

        var expected = ExpectedOutcomes(claims, file, fates);
        result.Items.Select(i => new Expected(i.Outcome, i.WorkOrderId, i.OurFen, i.TheirFen, i.ReasonCode))
            .Should().Equal(expected, "seed {0}", seed);
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            var of = expected.Where(e => e.Outcome == outcome).ToList();
            result.Totals[outcome].Should().Be(new OutcomeTotal(of.Count, of.Sum(e => e.Ours ?? 0), of.Sum(e => e.Theirs ?? 0)), "{0}, seed {1}", outcome, seed);
        }
        var answered = expected.Where(e => e.Outcome is Outcome.Matched or Outcome.AmountDiffers or Outcome.Rejected).Select(e => e.WorkOrderId).ToHashSet();
        var ourClaimed = claims.Where(c => c.Expected || answered.Contains(c.WorkOrderId)).Sum(c => c.AmountFen);
        var theirApproved = expected.Where(e => e.Outcome is Outcome.Matched or Outcome.AmountDiffers).Sum(e => e.Theirs!.Value);
        var cuts = expected.Where(e => e.Outcome == Outcome.AmountDiffers).Sum(e => e.Ours!.Value - e.Theirs!.Value);
        result.Identity.Should().Be(new ReconciliationIdentity(ourClaimed, theirApproved, cuts, result.Totals[Outcome.Rejected].OursFen,
            result.Totals[Outcome.MissingOnTheirSide].OursFen));
        result.Identity.UnexplainedFen.Should().Be(0, "our claimed total is explained to the fen (seed {0})", seed);
        result.TheirsFen.Should().Be(file.Sum(l => l.ApprovedFen));
    }

    /// <summary>What the statement must say, worked out from the fates: the first line naming a claim answers it.</summary>
    private static List<Expected> ExpectedOutcomes(List<OurClaim> claims, List<StatementLine> file, Dictionary<Guid, (Fate Fate, long Approved, string? Reason)> fates)
    {
        var seen = new HashSet<Guid>();
        var items = new List<Expected>();
        foreach (var line in file)
        {
            var claim = claims.SingleOrDefault(c => line.WorkOrderNumber == c.Number || (line.WorkOrderNumber is null && c.Serial == line.SerialNumber && c.CompletedOn == line.CompletedOn));
            var code = Reasons.FirstOrDefault(r => r.Words == line.DeductionReason).Code;
            if (claim is null) items.Add(new(Outcome.UnknownToUs, null, null, line.ApprovedFen, null));
            else if (!seen.Add(claim.WorkOrderId)) items.Add(new(Outcome.Duplicate, claim.WorkOrderId, null, line.ApprovedFen, code));
            else items.Add(fates[claim.WorkOrderId].Fate switch
            {
                Fate.Exact => new(Outcome.Matched, claim.WorkOrderId, claim.AmountFen, claim.AmountFen, null),
                Fate.Rejected => new(Outcome.Rejected, claim.WorkOrderId, claim.AmountFen, 0, code),
                _ => new(Outcome.AmountDiffers, claim.WorkOrderId, claim.AmountFen, fates[claim.WorkOrderId].Approved, code),
            });
        }
        items.AddRange(claims.Where(c => c.Expected && fates[c.WorkOrderId].Fate == Fate.Dropped).OrderBy(c => c.Number, StringComparer.Ordinal)
            .Select(c => new Expected(Outcome.MissingOnTheirSide, c.WorkOrderId, c.AmountFen, null, null)));
        return items;
    }

    private const int FirstLineRow = 5;

    /// <summary>The lines as a portal's sheet: a title, a note and an empty row, the header, the lines, a totals row and a note.</summary>
    private static IEnumerable<SheetRow> Sheet(List<StatementLine> lines, Random random)
    {
        yield return new SheetRow(1, ["结算单", "结算单", "结算单", "结算单", "结算单", "结算单"]);
        yield return new SheetRow(2, ["说明：金额单位为元", null, null, null, null, null]);
        yield return new SheetRow(3, []);
        yield return new SheetRow(4, ["工单号", "条码", "完工日期", "审核金额", "原因", "状态"]);
        foreach (var l in lines)
            yield return new SheetRow(l.Row, [l.WorkOrderNumber, l.SerialNumber, l.CompletedOn is { } d ? Date(d, random) : null,
                l.Rejected && random.Next(2) == 0 ? null : Amount(l.ApprovedFen, random), l.DeductionReason,
                l.Rejected ? (random.Next(2) == 0 ? "驳回" : "审核不通过") : (random.Next(2) == 0 ? "通过" : "审核通过")]);
        yield return new SheetRow(FirstLineRow + lines.Count, ["合计", null, null, lines.Sum(l => l.ApprovedFen) / 100d, null, null]);
        yield return new SheetRow(FirstLineRow + lines.Count + 1, ["制表：财务部", null, null, "x", null, null]);
    }

    /// <summary>An amount written as a portal might: a number, `¥1,234.56`, full-width digits, `元`, padded.</summary>
    private static object Amount(long fen, Random random)
    {
        var yuan = (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        return random.Next(5) switch
        {
            0 => (double)(fen / 100m),
            1 => "¥" + (fen / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture),
            2 => string.Concat(yuan.Select(c => char.IsDigit(c) ? (char)(c - '0' + '０') : c == '.' ? '．' : c)),
            3 => yuan + "元",
            _ => " " + yuan + " ",
        };
    }

    /// <summary>A day written as a portal might: an Excel serial, or text in a Chinese form.</summary>
    private static object Date(DateOnly day, Random random) => random.Next(4) switch
    {
        0 => (double)(day.DayNumber - new DateOnly(1899, 12, 30).DayNumber),
        1 => day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
        2 => day.ToString("yyyy/M/d", CultureInfo.InvariantCulture),
        _ => string.Concat(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture).Select(c => char.IsDigit(c) ? (char)(c - '0' + '０') : c)),
    };
}
