using RepairDispatch.Api.Statements;

namespace RepairDispatch.Tests.Statements;

/// <summary>The pure table reader: where the header row is, where the table ends, and what a row needs.</summary>
public class StatementTableTests
{
    private static StatementMapping Mapping(int? headerRow = null) => new(null, headerRow,
        new StatementColumns("工单号", null, "条码", "完工日期", null, "审核金额", null, "原因", "状态"), StatementMapping.DefaultRejectedWords, []);

    private static List<SheetRow> Rows(params object?[][] rows) => [.. rows.Select((cells, i) => new SheetRow(i + 1, cells))];

    private static (List<StatementLine> Lines, List<StatementProblem> Problems, StatementTable Table) Read(StatementMapping mapping, List<SheetRow> rows)
    {
        var table = new StatementTable(mapping);
        var problems = new List<StatementProblem>();
        return (table.Lines(rows, problems.Add).ToList(), problems, table);
    }

    private static readonly object?[] Header = ["工 单 号", "条码", "完工日期", "审核金额\n", "原因", "状态"];

    [Fact]
    public void TheHeaderRowIsTheFirstWithEveryMappedTextBelowTitleRowsThatMentionSome()
    {
        var (lines, problems, table) = Read(Mapping(), Rows(
            ["工单号 审核金额 结算单", null, null, null, null, null],
            ["工单号", null, null, "审核金额", null, null],
            Header,
            ["WO-1", null, null, 10, null, "通过"]));

        problems.Should().BeEmpty();
        table.HeaderRow.Should().Be(3, "row 2 lacks 条码, 完工日期, 原因 and 状态; headers match without whitespace");
        lines.Should().ContainSingle().Which.ApprovedFen.Should().Be(1000);
    }

    [Fact]
    public void APinnedHeaderRowThatDoesNotHoldTheTextsNamesWhatIsMissing()
    {
        var (_, problems, _) = Read(Mapping(headerRow: 1), Rows(["工单号", "审核金额"], Header));

        problems.Should().ContainSingle().Which.Text.Code.Should().Be("statement.header-row-mismatch");
        problems[0].Text.Args["headers"].Should().BeEquivalentTo(new[] { "条码", "完工日期", "原因", "状态" });
    }

    [Fact]
    public void ATotalsRowEndsTheTableWhileSubtotalAndEmptyRowsAreSkipped()
    {
        var (lines, problems, _) = Read(Mapping(), Rows(
            Header,
            ["WO-1", null, null, 10, null, "通过"],
            [null, null, null, null, null, null],
            ["小计", null, null, 10, null, null],
            ["WO-2", null, null, "¥20", "合计扣款 5 元", "审核通过"],
            ["合 计", null, null, 30, null, null],
            ["备注：不是一行", null, null, "x", null, null]));

        problems.Should().BeEmpty();
        lines.Select(l => (l.Row, l.ApprovedFen, l.Rejected)).Should().Equal((2, 1000L, false), (5, 2000L, false));
    }

    [Fact]
    public void ARowWithNothingToMatchItByIsAProblemAndARejectedOneNeedsNoAmount()
    {
        var (lines, problems, _) = Read(Mapping(), Rows(
            Header,
            [null, "SN-1", null, 10, null, "通过"],
            [null, "SN-2", "2026-10-05", null, "资料不全", "审核不通过"]));

        problems.Should().ContainSingle().Which.Text.Code.Should().Be("statement.no-key");
        problems[0].Row.Should().Be(2);
        lines.Should().ContainSingle().Which.Should().Be(new StatementLine(3, null, null, "SN-2", new DateOnly(2026, 10, 5), null, 0, null, "资料不全", true));
    }
}
