using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RepairDispatch.Tests.Infrastructure;

public static class Http
{
    public static async Task<JsonObject> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException("Empty body");
    }

    /// <summary>Posts JSON (nothing when the operation takes no body), asserts the status, returns the body (or an empty object for no body).</summary>
    public static async Task<JsonObject> PostOk(this HttpClient client, string url, object? body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = body is null ? await client.PostAsync(url, null) : await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "POST {0} answered {1}", url, text);
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> GetOk(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "GET {0} answered {1}", url, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static HttpContent RawJson(string json, string contentType = "application/json") =>
        new StringContent(json, System.Text.Encoding.UTF8, contentType);

    /// <summary>Asserts an RFC 9457 problem with the status; returns it for further checks.</summary>
    public static async Task<JsonObject> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status, string? errorField = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", text);
        var problem = JsonNode.Parse(text)!.AsObject();
        problem["type"]!.GetValue<string>().Should().StartWith("https://");
        problem["title"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        problem["status"]!.GetValue<int>().Should().Be((int)status);
        if (errorField is not null)
            problem["errors"]!.AsObject().Select(e => e.Key).Should().Contain(errorField, text);
        return problem;
    }

    public static string Str(this JsonNode? node, string name) => node![name]!.GetValue<string>();

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
