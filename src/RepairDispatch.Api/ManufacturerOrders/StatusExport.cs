using System.Globalization;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.OldParts;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.ManufacturerOrders;

/// <summary>
/// GET /manufacturer-orders/status-export: the brand's orders changed since a time (by `updated_at`, inclusive), each
/// with their order number, our status in their portal's words, the milestone times in the store's zone, the
/// technician, the failed part and the parts used — CSV (UTF-8 with BOM) or XLSX, as the packing list writes them.
/// Headers follow Accept-Language (Chinese first). The caller passes the last export's time as the next `since`.
/// </summary>
public static class StatusExport
{
    public const int MaxRows = 50_000;
    private const string ManufacturerSql = "SELECT COUNT(*) FROM manufacturers WHERE id = @Id";
    private const string OrdersSql = """
        SELECT wo.id, wo.external_number, wo.number, wo.status, wo.created_at, wo.assigned_at, wo.on_site_at, wo.completed_at, wo.cancelled_at,
               wo.updated_at, wo.failed_part, wo.store_id, s.time_zone, t.name AS technician
        FROM work_orders wo
        JOIN stores s ON s.id = wo.store_id
        LEFT JOIN technicians t ON t.id = wo.technician_id
        WHERE wo.external_manufacturer_id = @ManufacturerId AND wo.external_number IS NOT NULL AND wo.updated_at >= @Since
          AND (@StoreId IS NULL OR wo.store_id = @StoreId)
        ORDER BY wo.updated_at, wo.id
        """;
    private const string PartsSql = """
        SELECT wp.work_order_id, p.name, wp.quantity FROM work_order_parts wp JOIN parts p ON p.id = wp.part_id
        WHERE wp.work_order_id IN @Ids ORDER BY wp.work_order_id, p.name
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string ExternalNumber { get; init; } = "";
        public string Number { get; init; } = "";
        public WorkOrderStatus Status { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? AssignedAt { get; init; }
        public DateTimeOffset? OnSiteAt { get; init; }
        public DateTimeOffset? CompletedAt { get; init; }
        public DateTimeOffset? CancelledAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public string? FailedPart { get; init; }
        public string TimeZone { get; init; } = "";
        public string? Technician { get; init; }
    }

    private sealed class PartRow
    {
        public Guid WorkOrderId { get; init; }
        public string Name { get; init; } = "";
        public long Quantity { get; init; }
    }

    public static async Task<IResult> Handle(Guid? manufacturerId, string? since, string? format, HttpContext http, Db db)
    {
        format = (format ?? "csv").ToLowerInvariant();
        if (format is not ("csv" or "xlsx")) return Problems.Validation("format", Codes.Refusal.CsvOrXlsx);
        var from = DateTimeOffset.MinValue;
        if (since is not null && !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
            return Problems.Validation("since", Codes.Brand.Since);
        if (manufacturerId is not { } brand) return Problems.Validation("manufacturerId", Codes.Refusal.NoSuchManufacturer);
        List<Row> rows;
        ILookup<Guid, PartRow> parts;
        OrderMapping mapping;
        await using (var c = await db.OpenAsync(http.RequestAborted))
        {
            if (await c.ExecuteScalarAsync<long>(ManufacturerSql, new { Id = brand }) == 0)
                return Problems.Validation("manufacturerId", Codes.Refusal.NoSuchManufacturer);
            mapping = await OrderMappingEndpoints.OfAsync(c, null, brand);
            rows = [.. (await c.QueryAsync<Row>(OrdersSql, new { ManufacturerId = brand, Since = from.ToUniversalTime(), http.Me().StoreId })).Take(MaxRows)];
            var found = new List<PartRow>();
            foreach (var chunk in rows.Select(r => r.Id).Chunk(500))
                found.AddRange(await c.QueryAsync<PartRow>(PartsSql, new { Ids = Db.IdList(c, chunk) }));
            parts = found.ToLookup(p => p.WorkOrderId);
        }
        var culture = CultureInfo.CurrentUICulture;
        var headers = Codes.Brand.ExportHeaders.Select(h => ((Text)h).Render(culture)).ToArray();
        var zones = new Dictionary<string, StoreZone>();
        var lines = rows.Select(r =>
        {
            var zone = zones.TryGetValue(r.TimeZone, out var z) ? z : zones[r.TimeZone] = StoreClock.Zone(r.TimeZone);
            string? At(DateTimeOffset? t) => t is { } at ? zone.LocalTime(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : null;
            var used = string.Join("; ", parts[r.Id].Select(p => p.Quantity == 1 ? p.Name : $"{p.Name}×{p.Quantity}"));
            return new object?[]
            {
                ExportRun.SafeText(r.ExternalNumber), r.Number, mapping.StatusWords.Of(r.Status), At(r.CreatedAt), At(r.AssignedAt), At(r.OnSiteAt),
                At(r.CompletedAt), At(r.CancelledAt), ExportRun.SafeText(r.Technician), ExportRun.SafeText(r.FailedPart), ExportRun.SafeText(used), At(r.UpdatedAt),
            };
        }).ToList();
        var name = $"status-{from.UtcDateTime:yyyyMMddHHmmss}.{format}";
        http.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = name }.ToString();
        return format == "csv"
            ? TypedResults.File(PackingList.Csv(headers, lines), ExportRun.CsvType + "; charset=utf-8")
            : TypedResults.File(await PackingList.XlsxAsync(headers, lines, ((Text)Codes.Brand.Sheet).Render(culture)), ExportRun.XlsxType);
    }
}
