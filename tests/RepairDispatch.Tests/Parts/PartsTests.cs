using System.Net;
using RepairDispatch.Tests.Customers;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Parts;

public class PartsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_created_part_answers_201_with_money_in_two_decimals_and_reads_back_by_id_and_in_the_list()
    {
        var manager = await api.NewUser("manager");
        var manufacturerId = await api.NewManufacturerId();
        var response = await manager.PostJson("/api/v1/parts", new
        {
            partNumber = "CMP-100", name = "Compressor 1.5P", category = "AirConditioner", manufacturerId, mainPart = true, cost = 420.5m, retailPrice = 699m,
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("\"cost\":420.50").And.Contain("\"retailPrice\":699.00");
        var created = await response.Json();
        var id = created.Str("id");
        response.Headers.Location!.ToString().Should().Be($"/api/v1/parts/{id}");
        created["mainPart"]!.GetValue<bool>().Should().BeTrue();
        created.Str("manufacturerId").Should().Be(manufacturerId);

        (await manager.GetOk($"/api/v1/parts/{id}")).ToJsonString().Should().Be(created.ToJsonString());
        (await manager.GetOk("/api/v1/parts"))["items"]!.AsArray().Select(i => i.Str("id")).Should().Contain(id);
    }

    [Fact]
    public async Task Parts_are_found_by_part_of_name_or_number_and_by_category()
    {
        var admin = await api.AdminClient();
        var belt = (await admin.PostOk("/api/v1/parts", new { partNumber = "WM-BELT-7", name = "Drive belt", category = "WashingMachine", mainPart = false, cost = 8, retailPrice = 25 })).Str("id");
        var board = (await admin.PostOk("/api/v1/parts", new { partNumber = "TV-PCB-2", name = "Main board", category = "Tv", mainPart = true, cost = 150, retailPrice = 320 })).Str("id");

        (await admin.GetOk("/api/v1/parts?q=belt"))["items"]!.AsArray().Select(i => i.Str("id")).Should().Equal(belt);
        (await admin.GetOk("/api/v1/parts?q=pcb"))["items"]!.AsArray().Select(i => i.Str("id")).Should().Equal(board);
        (await admin.GetOk("/api/v1/parts?category=Tv"))["items"]!.AsArray().Select(i => i.Str("id")).Should().Equal(board);
    }

    [Fact]
    public async Task A_second_part_with_the_same_part_number_answers_409()
    {
        var admin = await api.AdminClient();
        await admin.PostOk("/api/v1/parts", new { partNumber = "DUP-1", name = "First", mainPart = false, cost = 1, retailPrice = 2 });
        var problem = await (await admin.PostJson("/api/v1/parts", new { partNumber = "dup-1", name = "Second", mainPart = false, cost = 1, retailPrice = 2 }))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("type").Should().EndWith("part-number-taken");
    }

    [Fact]
    public async Task Money_with_more_than_two_decimals_or_out_of_range_is_refused_naming_the_field()
    {
        var admin = await api.AdminClient();
        await (await admin.PostJson("/api/v1/parts", new { partNumber = "P-3D", name = "Three decimals", mainPart = false, cost = 1.005m, retailPrice = 2 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "cost");
        await (await admin.PostJson("/api/v1/parts", new { partNumber = "P-NEG", name = "Negative", mainPart = false, cost = 1, retailPrice = -2 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "retailPrice");
        await (await admin.PostJson("/api/v1/parts", new { partNumber = "P-NOMAIN", name = "No main flag", cost = 1, retailPrice = 2 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "mainPart");
        await (await admin.PostJson("/api/v1/parts", new { partNumber = "P-MF", name = "Bad brand", manufacturerId = Guid.NewGuid(), mainPart = false, cost = 1, retailPrice = 2 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "manufacturerId");
        (await admin.GetOk("/api/v1/parts?q=P-"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_technician_may_read_the_catalogue_but_not_add_to_it()
    {
        var admin = await api.AdminClient();
        var id = (await admin.PostOk("/api/v1/parts", new { partNumber = "TECH-1", name = "Fuse", mainPart = false, cost = 0.5m, retailPrice = 3 })).Str("id");
        var technician = await api.NewUser("technician");

        (await technician.GetOk($"/api/v1/parts/{id}")).Str("name").Should().Be("Fuse");
        await technician.GetOk("/api/v1/parts");
        await (await technician.PostJson("/api/v1/parts", new { partNumber = "TECH-2", name = "Mine", mainPart = false, cost = 1, retailPrice = 2 }))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}
