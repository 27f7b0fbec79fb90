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

/// <summary>Refusals: title, detail and validation messages in the caller's language, codes beside them.</summary>
public class RefusalLanguageTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static async Task<JsonObject> Send(HttpClient client, HttpMethod method, string url, object? body, string? language, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        return await response.ShouldBeProblem(expected);
    }

    [Fact]
    public async Task ARefusalSpeaksTheCallersLanguageAndKeepsItsCode()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        var url = $"/api/v1/work-orders/{id}/close";

        var byDefault = await Send(d.Manager, HttpMethod.Post, url, new { }, null, HttpStatusCode.Conflict);
        var english = await Send(d.Manager, HttpMethod.Post, url, new { }, "en", HttpStatusCode.Conflict);

        byDefault.Str("title").Should().Be("不允许这样改变状态。");
        byDefault.Str("detail").Should().Be("“新建”的工单不能关闭。");
        english.Str("title").Should().Be("The status change is not allowed.");
        english.Str("detail").Should().Be("A work order in status New cannot be closed.");
        foreach (var problem in new[] { byDefault, english })
        {
            problem.Str("type").Should().Be("https://repairdispatch.dev/problems/invalid-transition");
            problem["detailCode"].Str("code").Should().Be("refusal.invalid-transition");
            problem["detailCode"]!["args"]!["status"].Str("code").Should().Be("status.New");
            problem["detailCode"]!["args"]!["action"].Str("code").Should().Be("action.Close");
        }
    }

    [Fact]
    public async Task ValidationMessagesOfOursAndOfTheFrameworkAreTranslatedWithCodes()
    {
        var d = await api.Data.ReadyAsync();
        var body = new { name = "", phones = new[] { "12" }, addresses = Array.Empty<object>() };

        var chinese = await Send(d.FrontDesk, HttpMethod.Post, "/api/v1/customers", body, "zh-CN", HttpStatusCode.BadRequest);
        var english = await Send(d.FrontDesk, HttpMethod.Post, "/api/v1/customers", body, "en", HttpStatusCode.BadRequest);

        chinese.Str("title").Should().Be("有字段填写不正确。");
        english.Str("title").Should().Be("One or more fields are invalid.");
        chinese["errors"]!["name"]![0]!.GetValue<string>().Should().MatchRegex(@"^\P{IsBasicLatin}*[\d ]*\P{IsBasicLatin}+", "a Chinese sentence");
        english["errors"]!["name"]![0]!.GetValue<string>().Should().MatchRegex("^[A-Z][a-z]");
        chinese["errorCodes"]!["name"]![0].Str("code").Should().Be(english["errorCodes"]!["name"]![0].Str("code")).And.StartWith("refusal.");
    }

    [Fact]
    public async Task NotFoundNamesTheThingInTheCallersLanguage()
    {
        var d = await api.Data.ReadyAsync();

        var problem = await Send(d.FrontDesk, HttpMethod.Get, $"/api/v1/work-orders/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound);

        problem.Str("detail").Should().Be("工单不存在。");
        problem["detailCode"]!["args"]!["what"].Str("code").Should().Be("thing.work-order");
    }
}

/// <summary>The timeline: `kind` stays a code, `text` says it in the caller's language, people's own words stay as written.</summary>
public class EventLanguageTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task EventsCarryTheirKindAsACodeAndATextInTheCallersLanguage()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        await d.FrontDesk.PostOk($"/api/v1/work-orders/{id}/cancel", new { reason = "客户自己修好了" }, HttpStatusCode.OK);

        var chinese = (await LanguageTests.GetIn(d.FrontDesk, $"/api/v1/work-orders/{id}/events", null))["items"]!.AsArray();
        var english = (await LanguageTests.GetIn(d.FrontDesk, $"/api/v1/work-orders/{id}/events", "en"))["items"]!.AsArray();

        chinese.Select(e => e.Str("kind")).Should().Equal("Created", "Cancel");
        english.Select(e => e.Str("kind")).Should().Equal("Created", "Cancel");
        chinese.Select(e => e.Str("text")).Should().Equal("建单", "取消");
        english.Select(e => e.Str("text")).Should().Equal("Created", "Cancelled");
        chinese[1].Str("reason").Should().Be("客户自己修好了");
        english[1].Str("reason").Should().Be("客户自己修好了");
        english[1]!["reasonCode"].Str("code").Should().Be("text.said");
    }
}
