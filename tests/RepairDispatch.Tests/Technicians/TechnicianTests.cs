using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Technicians;

public class TechnicianTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string CountByCodeSql = "SELECT COUNT(*) FROM technicians WHERE code = @Code";

    [Fact]
    public async Task ManagerCreatesATechnicianAndReadsItBackAndInTheList()
    {
        var admin = await api.AdminClient();
        var store = await NewStore(admin);
        var maker = (await admin.PostOk("/api/v1/manufacturers", new { name = "厂家 " + Guid.NewGuid().ToString("N")[..8] })).Str("id");
        var created = await admin.PostAsJsonAsync("/api/v1/technicians", new
        {
            storeId = store, code = "T-01", name = "王师傅", phone = "13800000001",
            skills = new[] { "Refrigerator", "AirConditioner" }, certifications = new[] { maker }, districts = new[] { "海淀区", "朝阳区" },
            dailyCapacity = 8, start = new { lat = 39.9, lon = 116.4 }, shift = new { from = "09:00", to = "17:30" }, workDays = new[] { "Tue", "Mon" },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Json();
        created.Headers.Location!.ToString().Should().Be($"/api/v1/technicians/{body.Str("id")}");

        var read = await admin.GetOk($"/api/v1/technicians/{body.Str("id")}");
        read.ToJsonString().Should().Be(body.ToJsonString());
        read.Str("storeId").Should().Be(store);
        Strings(read["skills"]).Should().Equal("AirConditioner", "Refrigerator");
        Strings(read["certifications"]).Should().Equal(maker);
        Strings(read["districts"]).Should().BeEquivalentTo("海淀区", "朝阳区");
        read["dailyCapacity"]!.GetValue<int>().Should().Be(8);
        read["start"]!["lat"]!.GetValue<double>().Should().Be(39.9);
        read["shift"]!.Str("to").Should().Be("17:30");
        Strings(read["workDays"]).Should().Equal("Mon", "Tue");
        read["active"]!.GetValue<bool>().Should().BeTrue();

        var list = await admin.GetOk($"/api/v1/technicians?storeId={store}");
        list["items"]!.AsArray().Select(t => t.Str("id")).Should().Equal(body.Str("id"));
    }

    [Fact]
    public async Task OmittedOptionalFieldsGetTheStationDefaults()
    {
        var admin = await api.AdminClient();
        var body = await admin.PostOk("/api/v1/technicians", Technician(await NewStore(admin), "D-1", "Tv"));
        body["dailyCapacity"]!.GetValue<int>().Should().Be(6);
        body["shift"]!.Str("from").Should().Be("08:30");
        body["shift"]!.Str("to").Should().Be("18:00");
        Strings(body["workDays"]).Should().Equal("Mon", "Tue", "Wed", "Thu", "Fri", "Sat");
        body.ContainsKey("start").Should().BeFalse();
    }

    [Fact]
    public async Task ASecondTechnicianWithTheSameCodeInTheStoreIsAConflict()
    {
        var admin = await api.AdminClient();
        var store = await NewStore(admin);
        await admin.PostOk("/api/v1/technicians", Technician(store, "DUP", "Tv"));
        var again = await admin.PostAsJsonAsync("/api/v1/technicians", Technician(store, "dup", "Audio"));
        var problem = await again.ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("type").Should().EndWith("technician-code-taken");
        await admin.PostOk("/api/v1/technicians", Technician(await NewStore(admin), "DUP", "Tv"));
    }

    [Fact]
    public async Task AnUnknownStoreIsRefusedAndNothingIsWritten()
    {
        var admin = await api.AdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/technicians", Technician(Guid.NewGuid().ToString(), "GHOST-1", "Tv"));
        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");
        await using var c = await api.Db.OpenAsync();
        (await c.ExecuteScalarAsync<long>(CountByCodeSql, new { Code = "GHOST-1" })).Should().Be(0);
    }

    [Fact]
    public async Task AnUnknownManufacturerInCertificationsIsRefused()
    {
        var admin = await api.AdminClient();
        var request = Technician(await NewStore(admin), "C-1", "Tv");
        request["certifications"] = new JsonArray(Guid.NewGuid().ToString());
        var response = await admin.PostAsJsonAsync("/api/v1/technicians", request);
        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "certifications");
    }

    [Theory]
    [InlineData("18:00", "08:30", "shift.to")]
    [InlineData("09:00", "09:00", "shift.to")]
    [InlineData("25:00", "26:00", "shift.from")]
    public async Task AShiftThatDoesNotEndAfterItStartsIsRefused(string from, string to, string field)
    {
        var admin = await api.AdminClient();
        var request = Technician(await NewStore(admin), "S-1", "Tv");
        request["shift"] = new JsonObject { ["from"] = from, ["to"] = to };
        var response = await admin.PostAsJsonAsync("/api/v1/technicians", request);
        await response.ShouldBeProblem(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""["Tv","Tv"]""")]
    public async Task SkillsMustBeOneOrMoreDistinctCategories(string skills)
    {
        var admin = await api.AdminClient();
        var request = Technician(await NewStore(admin), "K-1", "Tv");
        request["skills"] = JsonNode.Parse(skills);
        var response = await admin.PostAsJsonAsync("/api/v1/technicians", request);
        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "skills");
    }

    [Fact]
    public async Task TheListFiltersByCategoryAndPagesWithACursor()
    {
        var admin = await api.AdminClient();
        var store = await NewStore(admin);
        var tv = (await admin.PostOk("/api/v1/technicians", Technician(store, "F-1", "Tv"))).Str("id");
        var cold1 = (await admin.PostOk("/api/v1/technicians", Technician(store, "F-2", "AirConditioner", "Refrigerator"))).Str("id");
        var cold2 = (await admin.PostOk("/api/v1/technicians", Technician(store, "F-3", "Refrigerator"))).Str("id");

        var fridges = await admin.GetOk($"/api/v1/technicians?storeId={store}&category=Refrigerator");
        Ids(fridges).Should().Equal(cold2, cold1);
        Ids(await admin.GetOk($"/api/v1/technicians?storeId={store}&category=Tv")).Should().Equal(tv);

        var first = await admin.GetOk($"/api/v1/technicians?storeId={store}&pageSize=2");
        Ids(first).Should().Equal(cold2, cold1);
        var second = await admin.GetOk($"/api/v1/technicians?storeId={store}&pageSize=2&cursor={first.Str("nextCursor")}");
        Ids(second).Should().Equal(tv);
        second.ContainsKey("nextCursor").Should().BeFalse();
    }

    [Fact]
    public async Task ADeactivatedTechnicianDropsOutOfTheActiveList()
    {
        var admin = await api.AdminClient();
        var store = await NewStore(admin);
        var id = (await admin.PostOk("/api/v1/technicians", Technician(store, "U-1", "Tv"))).Str("id");
        var put = await admin.PutAsJsonAsync($"/api/v1/technicians/{id}", new
        {
            name = "李师傅", phone = "139", skills = new[] { "GasStove" }, districts = new[] { "西城区" }, dailyCapacity = 4, active = false,
        });
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var updated = await admin.GetOk($"/api/v1/technicians/{id}");
        Strings(updated["skills"]).Should().Equal("GasStove");
        Strings(updated["districts"]).Should().Equal("西城区");
        updated["active"]!.GetValue<bool>().Should().BeFalse();
        Ids(await admin.GetOk($"/api/v1/technicians?storeId={store}&active=true")).Should().BeEmpty();
        Ids(await admin.GetOk($"/api/v1/technicians?storeId={store}&active=false")).Should().Equal(id);
    }

    [Fact]
    public async Task FrontDeskMayReadItsStoreButNotCreateTechnicians()
    {
        var admin = await api.AdminClient();
        var store = await NewStore(admin);
        var mine = (await admin.PostOk("/api/v1/technicians", Technician(store, "R-1", "Tv"))).Str("id");
        var other = (await admin.PostOk("/api/v1/technicians", Technician(await NewStore(admin), "R-2", "Tv"))).Str("id");
        var frontDesk = await NewUser(admin, new { role = "frontdesk", storeId = store });

        var post = await frontDesk.PostAsJsonAsync("/api/v1/technicians", Technician(store, "R-3", "Tv"));
        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await frontDesk.GetOk($"/api/v1/technicians/{mine}");
        (await frontDesk.GetAsync($"/api/v1/technicians/{other}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        Ids(await frontDesk.GetOk("/api/v1/technicians")).Should().Equal(mine);
    }

    [Fact]
    public async Task ATechnicianSeesOnlyItsOwnRecord()
    {
        var admin = await api.AdminClient();
        var store = await NewStore(admin);
        var own = (await admin.PostOk("/api/v1/technicians", Technician(store, "M-1", "Tv"))).Str("id");
        var colleague = (await admin.PostOk("/api/v1/technicians", Technician(store, "M-2", "Tv"))).Str("id");
        var technician = await NewUser(admin, new { role = "technician", technicianId = own });

        (await technician.GetOk($"/api/v1/technicians/{own}")).Str("code").Should().Be("M-1");
        await (await technician.GetAsync($"/api/v1/technicians/{colleague}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await technician.GetAsync("/api/v1/technicians")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static JsonObject Technician(string storeId, string code, params string[] skills) => new()
    {
        ["storeId"] = storeId, ["code"] = code, ["name"] = "师傅 " + code, ["phone"] = "13800138000",
        ["skills"] = new JsonArray([.. skills.Select(s => JsonValue.Create(s))]),
    };

    private static async Task<string> NewStore(HttpClient admin)
    {
        var code = "S" + Guid.NewGuid().ToString("N")[..8];
        return (await admin.PostOk("/api/v1/stores", new { code, name = "门店 " + code, city = "北京", address = "中关村大街 1 号" })).Str("id");
    }

    private async Task<HttpClient> NewUser(HttpClient admin, object fields)
    {
        var username = "u" + Guid.NewGuid().ToString("N")[..10];
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(fields))!.AsObject();
        body["username"] = username;
        body["password"] = ApiFactory.UserPassword;
        await admin.PostOk("/api/v1/users", body);
        return await api.ClientAs(username);
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());

    private static IEnumerable<string> Ids(JsonObject page) => page["items"]!.AsArray().Select(t => t.Str("id"));
}
