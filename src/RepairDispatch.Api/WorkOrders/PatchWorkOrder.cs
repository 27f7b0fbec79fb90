using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

public sealed record WarrantyOverride(Payer Payer, string Reason);

/// <summary>
/// JSON merge patch (RFC 7396) of the intake fields. Needs If-Match: 428 without it, 412 when stale.
/// Status changes go through the action routes, never through PATCH.
/// </summary>
public static class PatchWorkOrder
{
    private static readonly HashSet<string> Editable = ["faultDescription", "priority", "appointment", "address", "warrantyOverride"];
    private static readonly HashSet<WorkOrderStatus> Finished = [WorkOrderStatus.Completed, WorkOrderStatus.Closed, WorkOrderStatus.Cancelled];

    public static async Task<IResult> Handle(Guid id, HttpContext http, Db db, TimeProvider clock, IOptions<JsonOptions> json)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("application/json" or "application/merge-patch+json"))
            throw new BadHttpRequestException("Send application/json or application/merge-patch+json.", StatusCodes.Status415UnsupportedMediaType);
        var patch = await ReadObjectAsync(http);
        if (patch.Select(p => p.Key).FirstOrDefault(k => !Editable.Contains(k)) is { } unknown)
            return Problems.Validation(unknown, unknown == "status" ? Codes.Refusal.StatusByActions : Codes.Refusal.UnknownField);
        var ifMatch = ETags.IfMatch(http.Request);
        if (ifMatch is null) return Problems.PreconditionRequired();
        var me = http.Me();
        if (patch.ContainsKey("warrantyOverride") && me.Role is not (Roles.Manager or Roles.Admin))
            return Problems.Forbidden(Codes.Refusal.OnlyManagerOverrides);

        var changes = new PatchChanges(json.Value.SerializerOptions);
        if (changes.Read(patch) is { } invalid) return invalid;
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var order = await WorkOrder.LoadAsync(c, tx, id);
            if (order is null || !order.IsVisibleTo(me)) return Problems.NotFound(Codes.Thing.WorkOrder);
            if (ifMatch != order.Version) return Problems.PreconditionFailed(order.ETag);
            if (Finished.Contains(order.Status))
                return Problems.Conflict("order-finished", Codes.Refusal.OrderFinished.With(Codes.Word(order.Status)));
            var summary = changes.ApplyTo(order);
            await order.SaveAsync(c, tx, now);
            await WorkOrderEvents.WriteAsync(c, tx, order.Id, me, now, changes.Override is null ? "Updated" : "WarrantyOverridden",
                null, null, WorkOrderEvents.Said(changes.Override?.Reason) ?? summary);
            return new WithETag(order.ETag, TypedResults.Ok(WorkOrderResponse.From(order, now)));
        });
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext http)
    {
        try
        {
            return (await JsonNode.ParseAsync(http.Request.Body)) as JsonObject
                ?? throw new BadHttpRequestException("The body must be a JSON object.", new JsonException("Not an object", "$", null, null));
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The request body is not valid JSON.", e);
        }
    }

    /// <summary>The typed, validated values of one patch.</summary>
    private sealed class PatchChanges(JsonSerializerOptions options)
    {
        private readonly Dictionary<string, JsonNode?> _present = new();
        private string? _fault;
        private Priority? _priority;
        private AppointmentWindow? _appointment;
        private AddressInput? _address;
        public WarrantyOverride? Override { get; private set; }

        public IResult? Read(JsonObject patch)
        {
            foreach (var (key, node) in patch) _present[key] = node;
            if (!TryRead("faultDescription", out _fault)) return WrongType("faultDescription");
            if (_present.ContainsKey("faultDescription") && (string.IsNullOrWhiteSpace(_fault) || _fault.Length > 2000))
                return Problems.Validation("faultDescription", Codes.Refusal.FaultLength);
            if (!TryRead<Priority?>("priority", out _priority) || (_present.ContainsKey("priority") && _priority is null)) return WrongType("priority");
            if (!TryRead("appointment", out _appointment)) return WrongType("appointment");
            if (_appointment is not null && (_appointment is not { From: { } from, To: { } to } || from >= to))
                return Problems.Validation("appointment", Codes.Refusal.AppointmentShape);
            if (!TryRead("address", out _address)) return WrongType("address");
            if (_address is not null && (_address.District is not { Length: > 0 and <= 100 } || _address.Street is not { Length: > 0 and <= 400 }))
                return Problems.Validation("address", Codes.Refusal.AddressShape);
            if (!TryRead("warrantyOverride", out WarrantyOverride? w)) return WrongType("warrantyOverride");
            Override = w;
            if (_present.ContainsKey("warrantyOverride") && (w is null || string.IsNullOrWhiteSpace(w.Reason) || w.Reason.Length > 1000))
                return Problems.Validation("warrantyOverride.reason", Codes.Refusal.OverrideNeedsReason);
            return null;
        }

        private bool TryRead<T>(string key, out T? value)
        {
            value = default;
            if (!_present.TryGetValue(key, out var node) || node is null) return true;
            try
            {
                value = node.Deserialize<T>(options);
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static IResult WrongType(string field) => Problems.Validation(field, Codes.Refusal.WrongType);

        public Text ApplyTo(WorkOrder o)
        {
            if (_fault is not null) o.FaultDescription = _fault;
            if (_priority is { } p && p != o.Priority)
            {
                o.Priority = p;
                // Raising to Urgent tightens the deadlines; lowering keeps them: a promise made is not relaxed.
                var urgent = SlaPolicy.Deadlines(o.CreatedAt, Priority.Urgent, vipCustomer: false);
                if (p == Priority.Urgent)
                    (o.AssignBy, o.OnSiteBy, o.CompleteBy) = (Earlier(o.AssignBy, urgent.AssignBy), Earlier(o.OnSiteBy, urgent.OnSiteBy), Earlier(o.CompleteBy, urgent.CompleteBy));
            }
            if (_present.ContainsKey("appointment"))
                (o.AppointmentFrom, o.AppointmentTo) = (_appointment?.From?.ToUniversalTime(), _appointment?.To?.ToUniversalTime());
            if (_present.ContainsKey("address"))
                (o.District, o.Street, o.Lat, o.Lon) = (_address?.District.Trim(), _address?.Street.Trim(), _address?.Lat, _address?.Lon);
            if (Override is { } w) o.Apply(WarrantyPolicy.Override(w.Payer, w.Reason.Trim()));
            return Codes.Event.Changed.With(_present.Keys.Select(field => Text.Of("field." + field)).ToList());
        }

        private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    }
}
