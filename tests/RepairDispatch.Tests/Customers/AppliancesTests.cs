using System.Globalization;
using System.Net;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Customers;

public class AppliancesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<(HttpClient Desk, string CustomerId)> DeskWithCustomer()
    {
        var desk = await api.NewUser("frontdesk");
        var customer = await desk.PostOk("/api/v1/customers", new { name = "Appliance Owner", phones = new[] { "13812345678" } });
        return (desk, customer.Str("id"));
    }

    private static string Day(int daysFromToday) =>
        TestData.StationToday().AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_appliance_added_to_a_customer_answers_201_and_is_listed_and_readable()
    {
        var (desk, customerId) = await DeskWithCustomer();
        var manufacturerId = await api.NewManufacturerId("Haier Test");

        var response = await desk.PostJson($"/api/v1/customers/{customerId}/appliances", new
        {
            category = "Refrigerator", manufacturerId, model = "BCD-470", serialNumber = "SN-001", purchaseDate = "2025-03-01",
            boughtHere = true, invoiceNumber = "INV-9", manufactureDate = "2025-01-15", commercialUse = false, installedOn = "2025-03-02",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await response.Json();
        var id = created.Str("id");
        response.Headers.Location!.ToString().Should().Be($"/api/v1/appliances/{id}");
        created.Str("customerId").Should().Be(customerId);
        created.Str("category").Should().Be("Refrigerator");
        created.Str("manufacturerName").Should().Be("Haier Test");
        created.Str("purchaseDate").Should().Be("2025-03-01");
        created["boughtHere"]!.GetValue<bool>().Should().BeTrue();

        (await desk.GetOk($"/api/v1/appliances/{id}")).ToJsonString().Should().Be(created.ToJsonString());
        var list = await desk.GetOk($"/api/v1/customers/{customerId}/appliances");
        list["items"]!.AsArray().Select(i => i!.ToJsonString()).Should().Equal(created.ToJsonString());
        list["nextCursor"].Should().BeNull();
    }

    [Fact]
    public async Task An_appliance_of_an_unknown_manufacturer_is_refused_naming_manufacturerId_and_nothing_is_written()
    {
        var (desk, customerId) = await DeskWithCustomer();

        await (await desk.PostJson($"/api/v1/customers/{customerId}/appliances", new { category = "Tv", manufacturerId = Guid.NewGuid(), model = "X1" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "manufacturerId");

        (await desk.GetOk($"/api/v1/customers/{customerId}/appliances"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_purchase_in_the_future_or_before_manufacture_is_refused_naming_purchaseDate()
    {
        var (desk, customerId) = await DeskWithCustomer();
        var manufacturerId = await api.NewManufacturerId();
        var url = $"/api/v1/customers/{customerId}/appliances";

        await (await desk.PostJson(url, new { category = "Tv", manufacturerId, model = "X1", purchaseDate = Day(3) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "purchaseDate");
        await (await desk.PostJson(url, new { category = "Tv", manufacturerId, model = "X1", purchaseDate = "2024-01-01", manufactureDate = "2024-02-01" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "purchaseDate");
        await desk.PostOk(url, new { category = "Tv", manufacturerId, model = "X1", purchaseDate = Day(-1) });
    }

    [Fact]
    public async Task A_missing_or_unknown_category_is_refused_naming_category()
    {
        var (desk, customerId) = await DeskWithCustomer();
        var manufacturerId = await api.NewManufacturerId();
        var url = $"/api/v1/customers/{customerId}/appliances";

        await (await desk.PostJson(url, new { manufacturerId, model = "X1" })).ShouldBeProblem(HttpStatusCode.BadRequest, "category");
        await (await desk.PostJson(url, new { category = "Toaster", manufacturerId, model = "X1" })).ShouldBeProblem(HttpStatusCode.BadRequest, "category");
    }

    [Fact]
    public async Task An_appliance_for_an_unknown_customer_answers_404()
    {
        var desk = await api.NewUser("frontdesk");
        var manufacturerId = await api.NewManufacturerId();
        await (await desk.PostJson($"/api/v1/customers/{Guid.NewGuid()}/appliances", new { category = "Tv", manufacturerId, model = "X1" }))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        await (await desk.GetAsync($"/api/v1/appliances/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
