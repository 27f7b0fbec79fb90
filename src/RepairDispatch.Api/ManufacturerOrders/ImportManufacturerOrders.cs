using Dapper;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Statements;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.ManufacturerOrders;

/// <param name="Errors">In the caller's language; <paramref name="ErrorCodes"/> the same as codes with arguments.</param>
public sealed record RowRefusal(int Row, IReadOnlyList<string> Errors, IReadOnlyList<Text> ErrorCodes)
{
    public static RowRefusal Of(int row, IReadOnlyList<Text> errors) => new(row, [.. errors.Select(e => e.Render())], errors);
}

/// <param name="Orders">The file's orders in row order: created now, or the one the brand number already had.</param>
public sealed record ImportedOrder(int Row, string ExternalNumber, Guid WorkOrderId, bool Created);

public sealed record OrderImportReport(int Created, int Existing, IReadOnlyList<RowRefusal> Refused, IReadOnlyList<ImportedOrder> Orders);

/// <summary>
/// POST /manufacturer-orders/import (multipart `file`, `manufacturerId`): the portal's CSV (UTF-8 or GB18030) or XLSX,
/// read with the brand's saved mapping. A file the mapping does not fit (no header, an unknown column) is refused
/// whole; otherwise each row is one intake in its own transaction, as the JSON route does it, so a row's refusal is
/// reported with its row number and the others stand, and a file imported again finds every order it made.
/// </summary>
public static class ImportManufacturerOrders
{
    public const int MaxRows = 5_000;
    private const string ManufacturerSql = "SELECT COUNT(*) FROM manufacturers WHERE id = @Id";

    public static async Task<IResult> Handle(HttpContext http, Db db, TimeProvider clock, Dispatch.ITravelTimesProvider travel,
        IOptions<Notifications.NotificationOptions> notifications)
    {
        var (upload, refusal) = await StatementUpload.ReadAsync(http.Request);
        if (refusal is not null) return refusal;
        using var file = upload!;
        if (!Guid.TryParse(file.Field("manufacturerId"), out var manufacturerId))
            return Problems.Validation("manufacturerId", Codes.Refusal.NoSuchManufacturer);
        OrderMapping? mapping;
        await using (var c = await db.OpenAsync())
        {
            if (await c.ExecuteScalarAsync<long>(ManufacturerSql, new { Id = manufacturerId }) == 0)
                return Problems.Validation("manufacturerId", Codes.Refusal.NoSuchManufacturer);
            mapping = (await OrderMappingEndpoints.LoadAsync(c, null, manufacturerId))?.Mapping;
        }
        if (mapping?.Columns is null) return Problems.Validation("manufacturerId", Codes.Brand.NoMapping);

        var (format, problem) = StatementFile.Detect(file.Path);
        if (problem is not null) return Problems.Validation("file", problem);
        var sheet = format == StatementFormat.Xlsx ? mapping.Sheet ?? StatementFile.SheetNames(file.Path)[0] : null;
        var reader = new OrderSheet(mapping, manufacturerId);
        List<OrderRow> rows;
        try
        {
            rows = reader.Read(StatementFile.Rows(file.Path, format!.Value, sheet), MaxRows);
        }
        catch (Exception e) when (StatementFile.IsDamaged(e))
        {
            return Problems.Validation("file", Codes.Statement.NotATable);
        }
        if (reader.FileProblem is { } fileProblem) return Problems.Validation("file", fileProblem);

        var me = await BrandCaller.ResolveAsync(http, db);
        var now = clock.GetUtcNow();
        var (created, existing, refused, orders) = (0, 0, new List<RowRefusal>(), new List<ImportedOrder>());
        foreach (var row in rows)
        {
            if (row.Request is not { } request)
            {
                refused.Add(RowRefusal.Of(row.Row, row.Errors));
                continue;
            }
            switch (await ManufacturerOrderIntake.RunAsync(request, me, db, now, travel, notifications.Value.Language))
            {
                case IntakeOutcome.Created c:
                    created++;
                    orders.Add(new ImportedOrder(row.Row, request.ExternalNumber, c.Order.Id, true));
                    break;
                case IntakeOutcome.Existing e:
                    existing++;
                    orders.Add(new ImportedOrder(row.Row, request.ExternalNumber, e.OrderId, false));
                    break;
                case IntakeOutcome.Refused r:
                    refused.Add(RowRefusal.Of(row.Row, [r.Text]));
                    break;
            }
        }
        return TypedResults.Ok(new OrderImportReport(created, existing, refused, orders));
    }
}
