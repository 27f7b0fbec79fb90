using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Statements;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.ManufacturerOrders;

/// <summary>
/// Orders a brand sends (厂家派单): JSON from its integration or a file from its portal, one work order per brand number
/// however often it comes, cancelled only with a reason code the brand accepts, and its status read back.
/// </summary>
public class ManufacturerOrderTests(StationFixture api) : IClassFixture<StationFixture>
{
    private async Task<string> Brand(TestData d) =>
        (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "美的 " + Guid.NewGuid().ToString("N")[..8] })).Str("id");

    private async Task<HttpClient> BrandClient(TestData d, params string[] scopes)
    {
        var created = await d.Admin.PostOk("/api/v1/clients", new { name = "厂家接口 " + Guid.NewGuid().ToString("N")[..6], scopes });
        return await api.MachineClient(created.Str("clientId"), created.Str("clientSecret"));
    }

    private static object Order(string brand, string number, string storeId, string phone = "13712345678") => new
    {
        manufacturerId = brand, externalNumber = number, storeId,
        customer = new { name = "王女士", phones = new[] { phone }, address = new { district = "浦东新区", street = "世纪大道 1 号" } },
        appliance = new { category = "WashingMachine", model = "MG100V", serialNumber = "SN-" + number },
        type = "Repair", faultDescription = "不脱水",
    };

    [Fact]
    public async Task TheSameBrandNumberAgainAnswersTheExistingOrderAndWritesNothing()
    {
        var d = await api.Data.ReadyAsync();
        var brand = await Brand(d);
        var client = await BrandClient(d, "manufacturer-orders:write");

        var first = await client.PostOk("/api/v1/manufacturer-orders", Order(brand, "MD-0001", d.StoreId));
        first.Str("source").Should().Be("Manufacturer");
        first.Str("status").Should().Be("New");
        var rows = await Counts(d);
        var again = await client.PostOk("/api/v1/manufacturer-orders", Order(brand, "MD-0001", d.StoreId, phone: "13900000000"), HttpStatusCode.OK);

        again.Str("id").Should().Be(first.Str("id"));
        (await Counts(d)).Should().Equal(rows);
        // The same number at another brand is another order.
        var other = await client.PostOk("/api/v1/manufacturer-orders", Order(await Brand(d), "MD-0001", d.StoreId));
        other.Str("id").Should().NotBe(first.Str("id"));
    }

    [Fact]
    public async Task ABrandOrderGoesToTheShopServingTheCustomersDistrict()
    {
        var d = await api.Data.ReadyAsync();
        var brand = await Brand(d);
        var client = await BrandClient(d, "manufacturer-orders:write");
        var district = "闵行-" + Guid.NewGuid().ToString("N")[..6];
        var shop = (await d.Admin.PostOk("/api/v1/stores", new
        {
            code = "MH-" + Guid.NewGuid().ToString("N")[..6], name = "闵行店", city = "上海", address = "莘庄 1 号", districts = new[] { district },
        })).Str("id");
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Order(brand, "MD-ROUTE", d.StoreId, phone: "13611112222")))!;
        body["customer"]!["address"]!["district"] = district;

        var order = await client.PostOk("/api/v1/manufacturer-orders", body);

        order.Str("storeId").Should().Be(shop);
        (await d.Admin.GetOk($"/api/v1/work-orders/{order.Str("id")}/events"))["items"]!.AsArray().Select(e => e.Str("kind")).Should().Contain("Routed");
    }

    [Fact]
    public async Task ConcurrentRepeatsMakeOneOrder()
    {
        var d = await api.Data.ReadyAsync();
        var brand = await Brand(d);
        var client = await BrandClient(d, "manufacturer-orders:write");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.PostAsJsonAsync("/api/v1/manufacturer-orders", Order(brand, "MD-RACE", d.StoreId, phone: "13655550000"))));

        answers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(1);
        var ids = await Task.WhenAll(answers.Select(async a => (await TestData.Body(a)).Str("id")));
        ids.Distinct().Should().ContainSingle();
        (await Scalar("SELECT COUNT(*) FROM work_orders WHERE external_number = 'MD-RACE'")).Should().Be(1);
        (await Scalar("SELECT COUNT(*) FROM customer_phones WHERE phone = '13655550000'")).Should().Be(1);
    }

    [Fact]
    public async Task AClientWithoutTheScopeIsForbiddenAndTheDeskMaySendOrders()
    {
        var d = await api.Data.ReadyAsync();
        var brand = await Brand(d);
        var till = await BrandClient(d, "sales:write");

        (await till.PostAsJsonAsync("/api/v1/manufacturer-orders", Order(brand, "MD-403", d.StoreId))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await till.GetAsync($"/api/v1/manufacturer-orders/status-export?manufacturerId={brand}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Scalar("SELECT COUNT(*) FROM work_orders WHERE external_number = 'MD-403'")).Should().Be(0);
        (await d.FrontDesk.PostOk("/api/v1/manufacturer-orders", Order(brand, "MD-403", d.StoreId))).Str("source").Should().Be("Manufacturer");
    }

    [Fact]
    public async Task AnUnknownManufacturerIsRefusedNamingTheField()
    {
        var d = await api.Data.ReadyAsync();
        var answer = await d.FrontDesk.PostAsJsonAsync("/api/v1/manufacturer-orders", Order(Guid.NewGuid().ToString(), "MD-X", d.StoreId));
        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TestData.Body(answer))["errors"]!["manufacturerId"].Should().NotBeNull();
    }

    [Fact]
    public async Task ABrandOrderIsCancelledOnlyWithAReasonCodeTheBrandAccepts()
    {
        var d = await api.Data.ReadyAsync();
        var brand = await Brand(d);
        await PutMapping(d, brand, cancelReasonCodes: ["C01", "C02"]);
        var id = (await d.FrontDesk.PostOk("/api/v1/manufacturer-orders", Order(brand, "MD-C1", d.StoreId))).Str("id");

        var without = await d.FrontDesk.PostAsJsonAsync($"/api/v1/work-orders/{id}/cancel", new { reason = "用户不修了" });
        without.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TestData.Body(without))["errors"]!["reasonCode"].Should().NotBeNull();
        var unknown = await d.FrontDesk.PostAsJsonAsync($"/api/v1/work-orders/{id}/cancel", new { reason = "用户不修了", reasonCode = "X9" });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TestData.Body(unknown))["errors"]!["reasonCode"]![0]!.ToString().Should().Contain("C01");
        (await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}")).Str("status").Should().Be("New");

        var cancelled = await d.FrontDesk.PostOk($"/api/v1/work-orders/{id}/cancel", new { reason = "用户不修了", reasonCode = "c02" }, HttpStatusCode.OK);
        cancelled.Str("status").Should().Be("Cancelled");
        // The desk's own orders still cancel with a reason alone.
        var own = (await d.NewWorkOrder()).Str("id");
        await d.FrontDesk.PostOk($"/api/v1/work-orders/{own}/cancel", new { reason = "重复登记" }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task AFileImportedTwiceGivesOneOrderPerBrandNumberAndItsStatusComesBackInTheExport()
    {
        var d = await api.Data.ReadyAsync();
        var brand = await Brand(d);
        await PutMapping(d, brand, statusWords: new { completed = "服务完成" });
        var file = TestStatements.Csv([
            ["厂家派单明细"],
            [.. BrandOrderFiles.Headers],
            ["HW-1001", "张三", "13811110001", "浦东新区", "张杨路 2 号", "洗衣机", "XQB80", "SN-A1", "2026-01-05", "维修", "不进水", "备注"],
            ["HW-1002", "李四", "13811110002", "徐汇区", "漕溪北路 3 号", "WashingMachine", "XQB90", "", "", "", "异响", ""],
            ["HW-1003", "王五", "13811110003", "静安区", "南京西路 4 号", "飞机", "A320", "", "", "维修", "坏了", ""],
            ["HW-1002", "李四", "13811110002", "徐汇区", "漕溪北路 3 号", "洗衣机", "XQB90", "", "", "", "异响", ""],
            ["合计", "4"],
        ], TestStatements.Gbk());

        var first = await Import(d, brand, file);
        first["created"]!.GetValue<int>().Should().Be(2);
        first["existing"]!.GetValue<int>().Should().Be(1);
        first["refused"]!.AsArray().Select(r => r!["row"]!.GetValue<int>()).Should().Equal(5);
        first["refused"]![0]!["errorCodes"]![0]!["code"]!.GetValue<string>().Should().Be("brand.category");
        first["refused"]![0]!["errors"]![0]!.GetValue<string>().Should().Be("未知的家电品类“飞机”。");
        var second = await Import(d, brand, file);
        second["created"]!.GetValue<int>().Should().Be(0);
        second["existing"]!.GetValue<int>().Should().Be(3);
        (await Scalar($"SELECT COUNT(*) FROM work_orders WHERE external_number IN ('HW-1001','HW-1002')")).Should().Be(2);

        var hw1001 = first["orders"]!.AsArray().Single(o => o!["externalNumber"]!.GetValue<string>() == "HW-1001")!.Str("workOrderId");
        var since = api.Clock.GetUtcNow();
        api.Clock.Advance(TimeSpan.FromMinutes(5));
        await d.CompleteByTechnicianA(hw1001);

        var csv = await Export(d.Manager, brand, since, "csv");
        csv[0].Should().StartWith("厂家工单号");
        var line = csv.Skip(1).Should().ContainSingle().Subject.Split(',');
        line[0].Should().Be("HW-1001");
        line[2].Should().Be("服务完成");
        line[8].Should().Be("Technician T-A");
        (await Export(d.Manager, brand, null, "csv")).Should().HaveCount(3);
        var xlsx = await d.Manager.GetAsync($"/api/v1/manufacturer-orders/status-export?manufacturerId={brand}&format=xlsx");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        (await xlsx.Content.ReadAsByteArrayAsync()).Take(2).Should().Equal((byte)'P', (byte)'K');
    }

    [Fact]
    public async Task AnXlsxFromThePortalIsReadWithTheSameMapping()
    {
        var d = await api.Data.ReadyAsync();
        var brand = await Brand(d);
        await PutMapping(d, brand);
        var file = TestStatements.Xlsx([
            [.. BrandOrderFiles.Headers],
            ["HX-1", "钱七", "138 1111 0777", "闵行区", "莘庄路 5 号", "空调", "KFR-35", "SN-HX1", 46000.0, "安装", "新机安装", null],
        ], sheet: "派单");

        var report = await Import(d, brand, file);

        report["created"]!.GetValue<int>().Should().Be(1, report.ToJsonString());
        var order = await d.Manager.GetOk($"/api/v1/work-orders/{report["orders"]![0].Str("workOrderId")}");
        order.Str("type").Should().Be("Installation");
        order.Str("source").Should().Be("Manufacturer");
        var appliance = await d.Manager.GetOk($"/api/v1/appliances/{order.Str("applianceId")}");
        appliance.Str("category").Should().Be("AirConditioner");
        appliance.Str("purchaseDate").Should().Be("2025-12-09");
    }

    [Fact]
    public async Task AFileWithAColumnTheMappingDoesNotKnowIsRefusedNamingItAndWritesNothing()
    {
        var d = await api.Data.ReadyAsync();
        var brand = await Brand(d);
        await PutMapping(d, brand);
        var file = BrandOrderFiles.WithUnknownColumn();
        var rows = await Counts(d);

        var answer = await d.Manager.PostAsync("/api/v1/manufacturer-orders/import", BrandOrderFiles.Form(file, brand));

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = (await TestData.Body(answer))["errors"]!["file"]![0]!.ToString();
        error.Should().Contain("网点编码").And.Contain("M1");
        (await Counts(d)).Should().Equal(rows);
    }

    private static async Task PutMapping(TestData d, string brand, string[]? cancelReasonCodes = null, object? statusWords = null)
    {
        var put = await d.Manager.PutAsJsonAsync($"/api/v1/manufacturers/{brand}/order-mapping", BrandOrderFiles.Mapping(cancelReasonCodes, statusWords));
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    private static async Task<JsonObject> Import(TestData d, string brand, byte[] file)
    {
        var answer = await d.Manager.PostAsync("/api/v1/manufacturer-orders/import", BrandOrderFiles.Form(file, brand));
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        return await TestData.Body(answer);
    }

    private static async Task<string[]> Export(HttpClient client, string brand, DateTimeOffset? since, string format)
    {
        var url = $"/api/v1/manufacturer-orders/status-export?manufacturerId={brand}&format={format}"
            + (since is { } s ? "&since=" + Uri.EscapeDataString(s.ToString("O")) : "");
        var answer = await client.GetAsync(url);
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    private async Task<long[]> Counts(TestData d) =>
        [await d.CountRows("work_orders"), await d.CountRows("customers"), await d.CountRows("appliances"), await d.CountRows("work_order_events")];

    private async Task<long> Scalar(string sql)
    {
        await using var c = await api.Db.OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, sql);
    }
}
