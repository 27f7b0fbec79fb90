using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Statements;
using static RepairDispatch.Tests.Sales.SalesTestKit;

namespace RepairDispatch.Tests.Sales;

/// <summary>
/// The daily sales file of a store without an integration: each sale goes through the intake on its own, good ones are
/// committed, refused rows are named with their reasons in the caller's language, and the same file twice changes nothing.
/// </summary>
public class SalesImportTests(WorkOrders.StationFixture api) : IClassFixture<WorkOrders.StationFixture>
{
    private static readonly object?[] Header =
        ["销售单号", "销售时间", "顾客姓名", "电话", "区", "地址", "行号", "品类", "品牌", "型号", "序列号", "数量", "单价", "发票号", "需安装", "送货日期"];

    private static object?[] Row(string sale, string phone, int line, string category, string maker, string price = "2999.00", string? delivery = null,
        string? install = null) =>
        [sale, Day(Today) + " 03:00", "周先生", phone, "徐汇区", "漕溪北路 1 号", line, category, maker, "M-" + line, null, 1, price, "FP-" + sale, install, delivery];

    private static HttpRequestMessage Upload(byte[] file, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sales-orders/import") { Content = TestStatements.Form(file, null, fileName: "sales.csv") };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return request;
    }

    [Theory]
    [InlineData("zh-CN", "未知品牌")]
    [InlineData("en", "unknown manufacturer")]
    public async Task GoodSalesAreCommittedAndRefusedRowsAreNamed(string language, string unknownMaker)
    {
        var d = await api.Data.ReadyAsync();
        var tag = language[..2].ToUpperInvariant() + Guid.NewGuid().ToString("N")[..6];
        var (good, bad, late) = ("G-" + tag, "B-" + tag, "L-" + tag);
        var phone = Phone();
        var csv = TestStatements.Csv(
        [
            Header,
            Row(good, phone, 1, "空调", "Haier", install: null, delivery: Day(Today.AddDays(1))),
            Row(good, phone, 2, "洗衣机", "haier", install: "是"),
            Row(bad, Phone(), 1, "电视", "Nobody Brand"),
            Row(bad, Phone(), 2, "电视", "Haier"),
            Row(late, Phone(), 1, "热水器", "Haier", delivery: Day(Today.AddDays(-3))),
        ], new UTF8Encoding(false));
        var appliances = await d.CountRows("appliances");

        var report = await TestData.Body(await d.FrontDesk.SendAsync(Upload(csv, language)));
        report["accepted"]!.GetValue<int>().Should().Be(2);
        var refused = report["refused"]!.AsArray();
        refused.Select(r => r!["row"]!.GetValue<int>()).Should().Equal(4, 5, 6);
        refused[0]!["errors"]![0]!.GetValue<string>().Should().Contain(unknownMaker).And.Contain("Nobody Brand");
        refused[1]!["errors"]![0]!.GetValue<string>().Should().Contain("4", "the other row of the refused sale names the faulty one");
        refused[2]!["errors"]![0]!.GetValue<string>().Should().Contain("6");
        (await d.CountRows("appliances")).Should().Be(appliances + 2);
        var customer = (await d.FrontDesk.GetOk($"/api/v1/customers?phone={phone}"))["items"]!.AsArray().Single()!.Str("id");
        (await d.FrontDesk.GetOk($"/api/v1/customers/{customer}/appliances"))["items"]!.AsArray().Should().HaveCount(2);

        var again = await TestData.Body(await d.FrontDesk.SendAsync(Upload(csv, language)));
        again["accepted"]!.GetValue<int>().Should().Be(2);
        (await d.CountRows("appliances")).Should().Be(appliances + 2, "the same file twice records each sale once");
    }

    [Fact]
    public async Task AFileWithoutTheColumnsIsRefusedAndATillMayNotUpload()
    {
        var d = await api.Data.ReadyAsync();
        var csv = TestStatements.Csv([["单号", "金额"], ["X", "1"]], new UTF8Encoding(false));
        await (await d.FrontDesk.SendAsync(Upload(csv, "zh-CN"))).ShouldBeProblem(HttpStatusCode.BadRequest, "file");
        var (till, _, _) = await Till(api, d);
        (await till.SendAsync(Upload(csv, "zh-CN"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await d.TechA.SendAsync(Upload(csv, "zh-CN"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
