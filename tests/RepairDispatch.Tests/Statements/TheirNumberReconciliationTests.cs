using RepairDispatch.Api.Statements;

namespace RepairDispatch.Tests.Statements;

/// <summary>A statement line that names only the brand's own order number answers the manufacturer order that keeps it.</summary>
public class TheirNumberReconciliationTests
{
    private static readonly StatementMapping NoRules = new(null, null, new StatementColumns(null, null, null, null, null, "审核金额", null, null, null),
        StatementMapping.DefaultRejectedWords, []);

    [Fact]
    public void ALineWithTheirOrderNumberMatchesTheOrderThatKeepsIt()
    {
        var brandOrder = new OurClaim(Guid.NewGuid(), "WO-20261101-0001", null, null, 8000, Expected: true, TheirNumber: "HW-1001");
        var deskOrder = new OurClaim(Guid.NewGuid(), "WO-20261101-0002", null, null, 5000, Expected: true);
        StatementLine[] lines =
        [
            new(1, null, " hw-1001 ", null, null, 8000, 8000, null, null, false),
            new(2, null, "HW-9999", null, null, 100, 100, null, null, false),
        ];

        var result = Reconciliation.Reconcile([brandOrder, deskOrder], lines, NoRules);

        result.Items.Select(i => (i.Outcome, i.WorkOrderId)).Should().Equal(
            (Outcome.Matched, brandOrder.WorkOrderId), (Outcome.UnknownToUs, (Guid?)null), (Outcome.MissingOnTheirSide, deskOrder.WorkOrderId));
        result.Items[0].TheirRef.Should().Be(" hw-1001 ");
        result.Identity.UnexplainedFen.Should().Be(0);
    }
}
