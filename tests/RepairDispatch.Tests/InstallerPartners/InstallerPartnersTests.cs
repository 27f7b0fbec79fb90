using System.Net;
using RepairDispatch.Tests.Customers;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.InstallerPartners;

public class InstallerPartnersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_created_installer_partner_answers_201_with_location_and_reads_back_by_id_and_in_the_list()
    {
        var manager = await api.NewUser("manager");
        var response = await manager.PostJson("/api/v1/installer-partners", new
        {
            name = "Quick Install Co", districts = new[] { "Xihu", "Binjiang" }, categories = new[] { "AirConditioner", "WaterHeater" },
            managementFeeRate = 0.25m,
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await response.Json();
        var id = created.Str("id");
        response.Headers.Location!.ToString().Should().Be($"/api/v1/installer-partners/{id}");
        created["managementFeeRate"]!.GetValue<decimal>().Should().Be(0.25m);
        created["categories"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("AirConditioner", "WaterHeater");
        created["districts"]!.AsArray().Select(c => c!.GetValue<string>()).Should().BeEquivalentTo("Xihu", "Binjiang");
        created["active"]!.GetValue<bool>().Should().BeTrue();

        var finance = await api.NewUser("finance");
        (await finance.GetOk($"/api/v1/installer-partners/{id}")).ToJsonString().Should().Be(created.ToJsonString());
        (await finance.GetOk("/api/v1/installer-partners"))["items"]!.AsArray().Select(i => i.Str("id")).Should().Contain(id);
        (await finance.GetOk("/api/v1/installer-partners?category=WaterHeater"))["items"]!.AsArray().Select(i => i.Str("id")).Should().Contain(id);
        (await finance.GetOk("/api/v1/installer-partners?category=Tv"))["items"]!.AsArray().Select(i => i.Str("id")).Should().NotContain(id);
    }

    [Theory]
    [InlineData(0.35)]
    [InlineData(0.19)]
    [InlineData(0.25005)]
    public async Task A_management_fee_rate_outside_20_to_30_percent_or_finer_than_a_basis_point_is_refused(double rate)
    {
        var admin = await api.AdminClient();
        await (await admin.PostJson("/api/v1/installer-partners", new { name = "Rate " + rate, categories = new[] { "GasStove" }, managementFeeRate = (decimal)rate }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "managementFeeRate");
    }

    [Fact]
    public async Task A_partner_without_categories_is_refused_and_a_duplicate_name_answers_409()
    {
        var admin = await api.AdminClient();
        await (await admin.PostJson("/api/v1/installer-partners", new { name = "Empty", categories = Array.Empty<string>(), managementFeeRate = 0.2m }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "categories");
        await admin.PostOk("/api/v1/installer-partners", new { name = "Twice", categories = new[] { "RangeHood" }, managementFeeRate = 0.3m });
        await (await admin.PostJson("/api/v1/installer-partners", new { name = "twice", categories = new[] { "RangeHood" }, managementFeeRate = 0.3m }))
            .ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_front_desk_may_not_create_installer_partners()
    {
        var desk = await api.NewUser("frontdesk");
        await (await desk.PostJson("/api/v1/installer-partners", new { name = "Desk", categories = new[] { "Tv" }, managementFeeRate = 0.2m }))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}
