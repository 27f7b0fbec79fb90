using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Settlements;

/// <summary>Completion prices the order from the contract's fee schedule or the store's price list; the front desk takes payments.</summary>
public class OrderChargesTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static DateOnly Today() => TestData.StationToday();

    private async Task<string> ContractedManufacturer(TestData d)
    {
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "Brand " + Guid.NewGuid().ToString("N")[..8] })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", new
        {
            validFrom = Today().AddYears(-1).ToString("yyyy-MM-dd"), categories = new[] { "WashingMachine" },
            fees = new
            {
                repair = new[] { new { category = "WashingMachine", level = "Minor", amount = 80.50m } },
                installation = new[] { new { category = "WashingMachine", amount = 120m } }, partsReimbursement = "AtCost",
            },
        });
        return maker;
    }

    private static async Task<string> Complete(TestData d, string id, string level = "Minor", int minutes = 45)
    {
        await d.CompleteByTechnicianA(id, level, minutes);
        return id;
    }

    [Fact]
    public async Task ManufacturerPaidRepairClaimsTheContractFeeToTheCent()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await ContractedManufacturer(d);
        var (customer, appliance) = await d.CustomerWithAppliance(Today().AddMonths(-3), manufacturerId: maker);
        var id = await Complete(d, (await d.WorkOrder(customer, appliance)).Str("id"));

        var money = await d.Finance.GetOk($"/api/v1/work-orders/{id}/charges");

        money["manufacturerClaim"]!.GetValue<decimal>().Should().Be(80.50m);
        money["customerCharge"]!.GetValue<decimal>().Should().Be(0m);
        money["charges"]!.AsArray().Should().ContainSingle(c => c.Str("kind") == "RepairFee" && c.Str("party") == "Manufacturer");
    }

    [Fact]
    public async Task CustomerPaidRepairIsLabourPlusOnSiteFeeAndPaymentsReduceTheBalance()
    {
        var d = await api.Data.ReadyAsync();
        var (customer, appliance) = await d.CustomerWithAppliance(purchaseDate: null);
        var id = await Complete(d, (await d.WorkOrder(customer, appliance)).Str("id"), minutes: 45);

        var paid = await d.FrontDesk.PostOk($"/api/v1/work-orders/{id}/payments", new { amount = 50m, method = "WeChatPay" });
        var overpay = await d.FrontDesk.PostAsJsonAsync($"/api/v1/work-orders/{id}/payments", new { amount = 60.01m, method = "Cash" });

        paid["customerCharge"]!.GetValue<decimal>().Should().Be(110m, "45 minutes are two started half hours at 40.00, plus the 30.00 on-site fee");
        paid["outstanding"]!.GetValue<decimal>().Should().Be(60m);
        await overpay.ShouldBeProblem(HttpStatusCode.BadRequest, "amount");
        (await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}/charges"))["payments"]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task PaymentsBeforeCompletionAreRefusedAndTechniciansCannotReadCharges()
    {
        var d = await api.Data.ReadyAsync();
        var order = await d.NewWorkOrder();

        var early = await d.FrontDesk.PostAsJsonAsync($"/api/v1/work-orders/{order.Str("id")}/payments", new { amount = 10m, method = "Cash" });

        await early.ShouldBeProblem(HttpStatusCode.Conflict);
        await (await d.TechA.GetAsync($"/api/v1/work-orders/{order.Str("id")}/charges")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}
