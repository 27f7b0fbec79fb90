using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Contracts;

public class ContractTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static DateOnly Today() => TestData.StationToday();

    private static object Contract(DateOnly from, DateOnly? to = null, string category = "WashingMachine", int wholeUnitMonths = 24,
        bool certification = false, string? supersedes = null, decimal minorFee = 80m) => new
    {
        validFrom = from.ToString("yyyy-MM-dd"), validTo = to?.ToString("yyyy-MM-dd"),
        categories = new[] { category },
        warrantyTerms = new[] { new { category, wholeUnitMonths, mainPartMonths = 48 } },
        fees = new
        {
            repair = new[] { new { category, level = "Minor", amount = minorFee }, new { category, level = "Major", amount = 150m } },
            installation = new[] { new { category, amount = 120m } },
            callback = 5m, partsReimbursement = "AtCost",
        },
        certificationRequired = certification, supersedes,
    };

    private async Task<string> NewManufacturer(TestData d) => (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "Brand " + Guid.NewGuid().ToString("N")[..8] })).Str("id");

    [Fact]
    public async Task ManagerCreatesAContractThatFinanceCanReadButNotWrite()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await NewManufacturer(d);

        var created = await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", Contract(Today().AddYears(-1)));
        var read = await d.Finance.GetOk($"/api/v1/manufacturers/{maker}/contracts/{created.Str("id")}");
        var write = await d.Finance.PostAsJsonAsync($"/api/v1/manufacturers/{maker}/contracts", Contract(Today().AddYears(2)));

        read["version"]!.GetValue<int>().Should().Be(1);
        read["fees"]!["repair"]!.AsArray().Should().HaveCount(2);
        read["fees"]!["installation"]![0]!["amount"]!.GetValue<decimal>().Should().Be(120.00m);
        read["warrantyTerms"]![0]!["wholeUnitMonths"]!.GetValue<int>().Should().Be(24);
        await write.ShouldBeProblem(HttpStatusCode.Forbidden);
        (await d.TechA.GetAsync($"/api/v1/manufacturers/{maker}/contracts")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OverlappingVersionsForTheSameCategoryAreRefused()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await NewManufacturer(d);
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", Contract(Today().AddYears(-1), Today().AddYears(1)));

        var overlapping = await d.Manager.PostAsJsonAsync($"/api/v1/manufacturers/{maker}/contracts", Contract(Today(), Today().AddYears(3)));
        var otherCategory = await d.Manager.PostAsJsonAsync($"/api/v1/manufacturers/{maker}/contracts", Contract(Today(), category: "Refrigerator"));
        var afterwards = await d.Manager.PostAsJsonAsync($"/api/v1/manufacturers/{maker}/contracts", Contract(Today().AddYears(1)));

        (await overlapping.ShouldBeProblem(HttpStatusCode.Conflict)).Str("detail").Should().Contain("洗衣机");
        otherCategory.StatusCode.Should().Be(HttpStatusCode.Created);
        afterwards.StatusCode.Should().Be(HttpStatusCode.Created, "validTo is exclusive, so the next period may start on it");
    }

    [Fact]
    public async Task WarrantyFollowsTheContractAndOrdersKeepTheirVersionAfterANewOneStarts()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await NewManufacturer(d);
        var v1 = await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", Contract(Today().AddYears(-2), wholeUnitMonths: 24));
        var (customer, appliance) = await d.CustomerWithAppliance(Today().AddMonths(-18), manufacturerId: maker);
        var underV1 = await d.WorkOrder(customer, appliance);

        var v2 = await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts",
            Contract(Today(), wholeUnitMonths: 12, supersedes: v1.Str("id"), minorFee: 90m));
        var underV2 = await d.WorkOrder(customer, appliance, allowDuplicate: true);

        underV1["warranty"]!["inWarranty"]!.GetValue<bool>().Should().BeTrue("the contract gives 24 months and the unit is 18 months old");
        underV1["warranty"]!["claimable"]!.GetValue<bool>().Should().BeTrue();
        underV1.Str("contractId").Should().Be(v1.Str("id"));
        v2["version"]!.GetValue<int>().Should().Be(2);
        (await d.Manager.GetOk($"/api/v1/manufacturers/{maker}/contracts/{v1.Str("id")}")).Str("validTo").Should().Be(Today().ToString("yyyy-MM-dd"));
        underV2.Str("contractId").Should().Be(v2.Str("id"));
        underV2["warranty"]!["coverage"]!.GetValue<string>().Should().Be("MainPartsOnly", "version 2 gives only 12 months");

        var id = underV1.Str("id");
        var done = await d.CompleteByTechnicianA(id, "Minor", 30);
        done["warranty"]!["coverage"]!.GetValue<string>().Should().Be("WholeUnit", "completion still uses version 1's 24 months");
        (await d.Finance.GetOk($"/api/v1/work-orders/{id}/charges"))["manufacturerClaim"]!.GetValue<decimal>()
            .Should().Be(80.00m, "it is priced with version 1's fee, not version 2's 90.00");
    }

    [Fact]
    public async Task ContractDemandingCertificationRefusesAnUncertifiedTechnician()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await NewManufacturer(d);
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", Contract(Today().AddYears(-1), certification: true));
        var (customer, appliance) = await d.CustomerWithAppliance(Today().AddMonths(-1), manufacturerId: maker);
        var order = await d.WorkOrder(customer, appliance);
        var certified = (await d.Admin.PostOk("/api/v1/technicians", new
        {
            storeId = d.StoreId, code = "C-" + maker[..6], name = "Certified", phone = "13800000009", skills = new[] { "WashingMachine" }, certifications = new[] { maker },
        })).Str("id");

        var refused = await d.Manager.PostAsJsonAsync($"/api/v1/work-orders/{order.Str("id")}/assign", new { technicianId = d.TechnicianA });
        var accepted = await d.Manager.PostAsJsonAsync($"/api/v1/work-orders/{order.Str("id")}/assign", new { technicianId = certified });

        (await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity))["detailCode"].Str("code").Should().Be("refusal.certification-required");
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"validFrom":"2026-01-01","validTo":"2025-12-31","categories":["Tv"],"fees":{"partsReimbursement":"AtCost"}}""", "validTo")]
    [InlineData("""{"validFrom":"2026-01-01","categories":["Tv"],"warrantyTerms":[{"category":"Tv","wholeUnitMonths":24,"mainPartMonths":12}],"fees":{"partsReimbursement":"AtCost"}}""", "warrantyTerms")]
    [InlineData("""{"validFrom":"2026-01-01","categories":["Tv"],"fees":{"repair":[{"category":"Audio","level":"Minor","amount":10}],"partsReimbursement":"AtCost"}}""", "fees.repair")]
    [InlineData("""{"validFrom":"2026-01-01","categories":["Tv"],"fees":{"repair":[{"category":"Tv","level":"Minor","amount":10.005}],"partsReimbursement":"AtCost"}}""", "fees")]
    [InlineData("""{"validFrom":"2026-01-01","categories":[],"fees":{"partsReimbursement":"AtCost"}}""", "categories")]
    [InlineData("""{"validFrom":"2026-01-01","categories":["Tv"],"fees":{"partsReimbursement":"Sometimes"}}""", "fees.partsReimbursement")]
    public async Task InvalidContractsAreRefusedNamingTheFieldAndWriteNothing(string json, string field)
    {
        var d = await api.Data.ReadyAsync();
        var maker = await NewManufacturer(d);

        var response = await d.Manager.PostAsync($"/api/v1/manufacturers/{maker}/contracts", Http.RawJson(json));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, field);
        (await d.Manager.GetOk($"/api/v1/manufacturers/{maker}/contracts"))["items"]!.AsArray().Should().BeEmpty();
    }
}
