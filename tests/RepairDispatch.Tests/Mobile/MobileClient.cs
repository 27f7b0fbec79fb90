using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Mobile;

/// <summary>What the phone sends: a step with an optional body, Idempotency-Key and If-Match.</summary>
public static class MobileClient
{
    public static async Task<HttpResponseMessage> Step(this HttpClient technician, string id, string step, object? body = null,
        string? key = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/mobile/jobs/{id}/{step}") { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        if (ifMatch is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await technician.SendAsync(request);
    }

    /// <summary>The body each step needs on its own (arrive needs where, complete needs the resolution).</summary>
    public static object? BodyOf(string step, TestData d) => step switch
    {
        "arrive" => new { lat = 31.2397, lon = 121.4998 },
        "await-parts" => new { parts = new[] { new { partId = d.PartId, qty = 1 } }, note = "Pump on order" },
        "complete" => new { repairLevel = "Minor", mainPart = false, labourMinutes = 40, parts = new[] { new { partId = d.PartId, qty = 1 } } },
        "decline" => new { reason = "Outside my district" },
        _ => null,
    };

    public static async Task<string[]> EventKinds(TestData d, string id) =>
        (await d.Manager.GetOk($"/api/v1/work-orders/{id}/events"))["items"]!.AsArray().Select(e => e.Str("kind")).ToArray();

    public static async Task<JsonObject> Order(TestData d, string id) => await d.Manager.GetOk($"/api/v1/work-orders/{id}");

    /// <summary>A new repair order assigned to technician A.</summary>
    public static async Task<string> AssignedToA(TestData d)
    {
        var id = (await d.NewWorkOrder()).Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianA }, System.Net.HttpStatusCode.OK);
        return id;
    }

    /// <summary>A job of technician A, moved on site.</summary>
    public static async Task<string> OnSiteWithA(TestData d)
    {
        var id = await AssignedToA(d);
        foreach (var step in new[] { "accept", "depart", "arrive" })
            (await d.TechA.Step(id, step, BodyOf(step, d))).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>A 1×1 PNG, base64.</summary>
    public const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
}
