using System.Net;
using RepairDispatch.Tests.Customers;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Manufacturers;

public class ManufacturersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_created_manufacturer_answers_201_with_location_and_reads_back_by_id_and_in_the_list()
    {
        var manager = await api.NewUser("manager");
        var response = await manager.PostJson("/api/v1/manufacturers", new
        {
            name = "Midea", contactName = "Ms Chen", contactPhone = "0757-2660 0000", claimDetails = "Monthly claim via portal",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await response.Json();
        var id = created.Str("id");
        response.Headers.Location!.ToString().Should().Be($"/api/v1/manufacturers/{id}");
        created.Str("name").Should().Be("Midea");
        created.Str("claimDetails").Should().Be("Monthly claim via portal");

        var desk = await api.NewUser("frontdesk");
        (await desk.GetOk($"/api/v1/manufacturers/{id}")).ToJsonString().Should().Be(created.ToJsonString());
        (await desk.GetOk("/api/v1/manufacturers"))["items"]!.AsArray().Select(i => i.Str("id")).Should().Contain(id);
        (await desk.GetOk("/api/v1/manufacturers?q=ide"))["items"]!.AsArray().Select(i => i.Str("id")).Should().Equal(id);
    }

    [Fact]
    public async Task A_second_manufacturer_with_the_same_name_in_any_case_answers_409()
    {
        var admin = await api.AdminClient();
        await admin.PostOk("/api/v1/manufacturers", new { name = "Gree" });
        var problem = await (await admin.PostJson("/api/v1/manufacturers", new { name = "GREE" })).ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("type").Should().EndWith("manufacturer-name-taken");
    }

    [Fact]
    public async Task The_front_desk_may_read_but_not_create_manufacturers_and_a_technician_may_not_read_them()
    {
        var desk = await api.NewUser("frontdesk");
        await (await desk.PostJson("/api/v1/manufacturers", new { name = "Desk Brand" })).ShouldBeProblem(HttpStatusCode.Forbidden);
        await desk.GetOk("/api/v1/manufacturers");
        var technician = await api.NewUser("technician");
        await (await technician.GetAsync("/api/v1/manufacturers")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_unknown_manufacturer_answers_404_and_a_blank_name_400()
    {
        var admin = await api.AdminClient();
        await (await admin.GetAsync($"/api/v1/manufacturers/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await admin.PostJson("/api/v1/manufacturers", new { name = " " })).ShouldBeProblem(HttpStatusCode.BadRequest, "name");
    }
}
