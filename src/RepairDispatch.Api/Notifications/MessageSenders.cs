using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace RepairDispatch.Api.Notifications;

/// <summary>One message on its way out; <see cref="Id"/> is the Idempotency-Key the gateway sees.</summary>
public sealed record OutgoingMessage(Guid Id, string Template, string Language, string RecipientKind, string Recipient, string Body);

/// <summary>Delivers one message or throws; the dispatch job records the attempt either way.</summary>
public interface IMessageSender
{
    Task SendAsync(OutgoingMessage message, CancellationToken ct);
}

/// <summary>Embedded mode: the message is written to the log, which is its delivery.</summary>
public sealed class LogMessageSender(ILogger<LogMessageSender> logger) : IMessageSender
{
    public Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        logger.LogInformation("Message {MessageId} ({Template}, {Language}) to {RecipientKind} {Recipient}: {Body}",
            message.Id, message.Template, message.Language, message.RecipientKind,
            message.RecipientKind == "Customer" ? Infrastructure.Mask.Phone(message.Recipient) : message.Recipient, message.Body);
        return Task.CompletedTask;
    }
}

/// <summary>
/// An SMS/webhook gateway: POST {GatewayUrl} with the message as JSON and `Idempotency-Key: {message id}`, so a message
/// sent again after a lost answer is recognised by the gateway. Timeouts, retries with jitter and a circuit breaker
/// come from the standard resilience handler on the named HttpClient (<see cref="NotificationsSetup"/>).
/// </summary>
public sealed class HttpGatewaySender(IHttpClientFactory clients, Microsoft.Extensions.Options.IOptions<NotificationOptions> options) : IMessageSender
{
    public const string ClientName = "message-gateway";

    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, o.GatewayUrl) { Content = JsonContent.Create(message) };
        request.Headers.Add("Idempotency-Key", message.Id.ToString());
        if (!string.IsNullOrEmpty(o.GatewayToken)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.GatewayToken);
        using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}
