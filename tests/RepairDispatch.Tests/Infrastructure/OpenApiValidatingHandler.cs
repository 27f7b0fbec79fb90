namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// Sits in every test client: each response must match the served OpenAPI document (status, media type, body
/// schema, problem bodies included), and so must the body of each request the service accepted (2xx); a refused
/// request is bad input on purpose. A violation fails the test that caused it.
/// </summary>
public sealed class OpenApiValidatingHandler(Func<Task<OpenApiContract>> contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? requestBody = null;
        var requestType = request.Content?.Headers.ContentType?.MediaType;
        if (request.Content is not null && requestType?.EndsWith("json", StringComparison.Ordinal) == true)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            requestBody = await request.Content.ReadAsStringAsync(cancellationToken);
        }
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var responseBody = await response.Content.ReadAsStringAsync(cancellationToken);
        var violations = (await contract()).Check(request.Method, request.RequestUri!.AbsolutePath, requestType, requestBody,
            (int)response.StatusCode, response.Content.Headers.ContentType, responseBody, request.RequestUri.Query);
        if (violations.Count > 0)
            throw new OpenApiViolationException(string.Join(Environment.NewLine, violations.Take(20)) + Environment.NewLine + "response body: " + Truncate(responseBody));
        return response;
    }

    private static string Truncate(string text) => text.Length <= 1500 ? text : text[..1500] + "…";
}

public sealed class OpenApiViolationException(string message) : Exception(message);
