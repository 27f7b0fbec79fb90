using RepairDispatch.Api.Statements;

namespace RepairDispatch.Tests.Statements;

/// <summary>The pure cell readers, by tables of what portals write.</summary>
public class StatementCellsTests
{
    [Theory]
    [InlineData("¥1,234.56", 123456)]
    [InlineData("￥１，２３４．５６", 123456)]
    [InlineData("1234.565", 123457)]
    [InlineData("-0.005", -1)]
    [InlineData("(20.00)", -2000)]
    [InlineData("RMB 80", 8000)]
    [InlineData("80元", 8000)]
    [InlineData("0", 0)]
    public void TextAmountsAreReadToTheFenHalfUp(string cell, long fen)
    {
        StatementCells.TryFen(cell, out var read).Should().BeTrue();
        read.Should().Be(fen);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("")]
    [InlineData("¥")]
    [InlineData("10,00,0x")]
    public void WordsAreNotAmounts(string cell) => StatementCells.TryFen(cell, out _).Should().BeFalse();

    [Fact]
    public void NumberCellsAreRoundedHalfUpFromTheirDecimalValue()
    {
        StatementCells.TryFen(12.345, out var a).Should().BeTrue();
        StatementCells.TryFen(0.125, out var b).Should().BeTrue();
        (a, b).Should().Be((1235L, 13L));
    }

    [Theory]
    [InlineData("2026-10-05")]
    [InlineData("2026/10/5")]
    [InlineData("2026.10.05")]
    [InlineData("2026年10月5日")]
    [InlineData("20261005")]
    [InlineData("46300")]
    [InlineData("２０２６年１０月５日")]
    [InlineData("2026-10-05 14:30")]
    public void TextDatesInTheCommonChineseFormsAreDays(string cell)
    {
        StatementCells.TryDate(cell, out var day).Should().BeTrue();
        day.Should().Be(new DateOnly(2026, 10, 5));
    }

    [Fact]
    public void ExcelSerialsAndDateCellsAreDays()
    {
        StatementCells.TryDate(46300d, out var serial).Should().BeTrue();
        StatementCells.TryDate(new DateTime(2026, 10, 5, 9, 0, 0), out var cell).Should().BeTrue();
        (serial, cell).Should().Be((new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 5)));
        StatementCells.TryDate(80.5d, out _).Should().BeFalse("an amount in the wrong column is not a date");
        StatementCells.TryDate("上周三", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("合计", StatementCells.Totals.GrandTotal)]
    [InlineData("合 计", StatementCells.Totals.GrandTotal)]
    [InlineData("总计：", StatementCells.Totals.GrandTotal)]
    [InlineData("Total", StatementCells.Totals.GrandTotal)]
    [InlineData("小计", StatementCells.Totals.Subtotal)]
    [InlineData("WO-合计", StatementCells.Totals.None)]
    [InlineData(null, StatementCells.Totals.None)]
    public void TotalsRowsAreRecognisedByTheirFirstCell(string? cell, StatementCells.Totals totals) => StatementCells.TotalsOf(cell).Should().Be(totals);

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    public void ColumnsAreNamedByTheirLetters(int index, string letters) => StatementCells.Letters(index).Should().Be(letters);
}
