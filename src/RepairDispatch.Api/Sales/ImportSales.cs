using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Statements;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Sales;

public sealed record SalesImportRefusedRow(int Row, IReadOnlyList<string> Errors);

/// <param name="Accepted">Rows recorded (or already recorded by an earlier import: the same file twice changes nothing).</param>
public sealed record SalesImportReport(int Accepted, IReadOnlyList<SalesImportRefusedRow> Refused);

/// <summary>
/// The daily sales file of a store without an integration (front desk or manager of the store): each sale of the file
/// goes through the same intake as a till's, in its own transaction, so good sales are committed and a refused one
/// names its rows and reasons in the caller's language. Read with the statements' file reader (XLSX or CSV, by content).
/// </summary>
public static class ImportSales
{
    private const string ManufacturersSql = "SELECT id, name FROM manufacturers";

    public static async Task<IResult> Handle(HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        var (upload, refusal) = await StatementUpload.ReadAsync(http.Request, ["storeId"]);
        if (refusal is not null) return refusal;
        using var file = upload!;
        Guid? asked = file.Field("storeId") is { } s ? Guid.TryParse(s, out var g) ? g : Guid.Empty : null;
        if (asked == Guid.Empty || (me.StoreId is { } own && asked is { } other && other != own))
            return Problems.Validation("storeId", Codes.Sales.OwnStoreOnly);
        if ((me.StoreId ?? asked) is not { } storeId) return Problems.Validation("storeId", Codes.Sales.StoreRequired);
        var (format, fileProblem) = StatementFile.Detect(file.Path);
        if (fileProblem is not null) return Problems.Validation("file", fileProblem);

        SalesSheet.Result sheet;
        await using (var c = await db.OpenAsync())
        {
            if (await StoreClock.FindStoreAsync(c, null, storeId) is not { } zone) return Problems.Validation("storeId", Codes.Refusal.NoSuchStore);
            var makers = (await c.QueryAsync<(Guid Id, string Name)>(ManufacturersSql))
                .GroupBy(m => StatementCells.HeaderKey(m.Name)).ToDictionary(m => m.Key, m => m.First().Id);
            try
            {
                sheet = SalesSheet.Read(StatementFile.Rows(file.Path, format!.Value, sheet: null), makers, zone);
            }
            catch (Exception e) when (StatementFile.IsDamaged(e))
            {
                return Problems.Validation("file", Codes.Statement.NotATable);
            }
        }
        if (sheet.FileProblem is { } problem) return Problems.Validation("file", problem);

        var refused = sheet.Faults.ToDictionary(f => f.Key, f => f.Value.Select(t => t.Render()).ToList());
        var now = clock.GetUtcNow();
        foreach (var sale in sheet.Sales)
        {
            var answer = await RecordSale.RecordAsync(db, sale.Request, storeId, me, now);
            if (answer is not IStatusCodeHttpResult { StatusCode: >= 400 } || answer is not IValueHttpResult { Value: ProblemDetails details }) continue;
            foreach (var (row, reason) in RowsOf(sale, details)) refused[row] = [.. refused.GetValueOrDefault(row) ?? [], reason];
        }
        var report = refused.OrderBy(r => r.Key).Select(r => new SalesImportRefusedRow(r.Key, r.Value)).ToList();
        return TypedResults.Ok(new SalesImportReport(sheet.Rows - report.Count, report));
    }

    /// <summary>A refusal of the intake at the rows it concerns: a line's field at the line's row, anything else at every row of the sale.</summary>
    private static IEnumerable<(int Row, string Reason)> RowsOf(SheetSale sale, ProblemDetails details)
    {
        var errors = details is HttpValidationProblemDetails v ? v.Errors.SelectMany(e => e.Value.Select(m => (Field: e.Key, Message: m))).ToList()
            : [(Field: details.Extensions.TryGetValue("field", out var f) ? f?.ToString() ?? "" : "", Message: details.Detail ?? details.Title ?? "")];
        foreach (var (field, message) in errors)
        {
            var rows = LineIndex(field) is { } i && i < sale.LineRows.Count ? [sale.LineRows[i]] : sale.LineRows;
            foreach (var row in rows) yield return (row, Codes.SalesImport.Refused.With(row, message).Render());
        }
    }

    private static int? LineIndex(string field) =>
        field.StartsWith("lines[", StringComparison.Ordinal) && field.IndexOf(']') is > 6 and var end && int.TryParse(field[6..end], out var i) ? i : null;
}
