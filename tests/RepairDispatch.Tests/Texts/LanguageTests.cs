using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Texts;

/// <summary>The same text in the caller's language (Accept-Language; zh-CN without one), with the same stable code.</summary>
public class LanguageTests(StationFixture api) : IClassFixture<StationFixture>
{
    internal static async Task<JsonObject> GetIn(HttpClient client, string url, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Json();
    }

    [Fact]
    public async Task TheWarrantyReasonIsChineseByDefaultEnglishOnRequestAndKeepsItsCode()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance(purchaseDate: TestData.StationToday().AddMonths(-2));
        var id = (await d.WorkOrder(customerId, applianceId)).Str("id");

        var byDefault = (await GetIn(d.FrontDesk, $"/api/v1/work-orders/{id}", null))["warranty"]!;
        var chinese = (await GetIn(d.FrontDesk, $"/api/v1/work-orders/{id}", "zh-CN,zh;q=0.9"))["warranty"]!;
        var english = (await GetIn(d.FrontDesk, $"/api/v1/work-orders/{id}", "en-US,en;q=0.9"))["warranty"]!;

        byDefault.Str("reason").Should().Be(chinese.Str("reason")).And.Contain("整机保修期内").And.Contain("洗衣机");
        english.Str("reason").Should().StartWith("In whole-unit warranty (12 months").And.Contain("washing machine");
        foreach (var view in new[] { byDefault, chinese, english })
        {
            view["reasonCode"].Str("code").Should().Be("warranty.whole-unit.no-contract");
            view["reasonCode"]!["args"]!["months"]!.GetValue<int>().Should().Be(12);
        }
    }

    [Fact]
    public async Task AnOverrideKeepsTheManagersOwnWordsInBothLanguages()
    {
        var d = await api.Data.ReadyAsync();
        var order = await d.NewWorkOrder();
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/work-orders/{order.Str("id")}")
        {
            Content = JsonContent.Create(new { warrantyOverride = new { payer = "Store", reason = "老客户，门店承担" } }),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", $"\"{order["version"]}\"");
        (await d.Manager.SendAsync(patch)).StatusCode.Should().Be(HttpStatusCode.OK);

        var chinese = (await GetIn(d.FrontDesk, $"/api/v1/work-orders/{order.Str("id")}", null))["warranty"]!;
        var english = (await GetIn(d.FrontDesk, $"/api/v1/work-orders/{order.Str("id")}", "en"))["warranty"]!;

        chinese.Str("reason").Should().Be("经理改判：老客户，门店承担");
        english.Str("reason").Should().Be("Manager override: 老客户，门店承担");
        english["reasonCode"].Str("code").Should().Be("warranty.override");
    }
}
