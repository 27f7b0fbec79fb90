using System.Data.Common;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using Microsoft.Data.Sqlite;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Settlements;

/// <summary>
/// A run as a file for the manufacturer or partner: CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX (a Summary
/// and a Lines sheet). Lines stream from an unbuffered query, so memory stays flat however long the run. On SQLite
/// the run and its lines are read in one deferred (read) transaction: WAL gives a snapshot, so the totals in the
/// file are those of the lines in the file.
/// </summary>
public static class ExportRun
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string PartyNameSql = """
        SELECT COALESCE((SELECT name FROM manufacturers WHERE id = @ManufacturerId), (SELECT name FROM installer_partners WHERE id = @InstallerPartnerId))
        """;

    public static async Task<IResult> Handle(Guid id, string? format, string? lang, HttpContext http, Db db)
    {
        format = (format ?? "csv").ToLowerInvariant();
        if (format is not ("csv" or "xlsx")) return Problems.Validation("format", Codes.Refusal.CsvOrXlsx);
        if (ExportColumns.For(lang) is not { } columns) return Problems.Validation("lang", Codes.Refusal.EnOrZh);
        var ct = http.RequestAborted;

        if (format == "csv")
        {
            Header? found;
            await using (var c = await db.OpenAsync(ct)) found = await LoadHeaderAsync(c, null, id);
            if (found is null) return Problems.NotFound(Codes.Thing.SettlementRun);
            http.Response.Headers.ContentDisposition = Disposition(found, "csv");
            return Results.Stream(body => WriteCsvAsync(body, db, id, columns, ct), CsvType + "; charset=utf-8");
        }

        // MiniExcel writes the zip synchronously and needs a stream it can seek, so the workbook goes to a temp file
        // first (deleted on close) and is then copied to the response.
        var file = new FileStream(Path.Combine(Path.GetTempPath(), "settlement-" + Guid.NewGuid().ToString("N") + ".xlsx"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        Header? header;
        try
        {
            await using var c = await db.OpenAsync(ct);
            await using var tx = ReadTransaction(c);
            header = await LoadHeaderAsync(c, tx, id);
            if (header is null)
            {
                await file.DisposeAsync();
                return Problems.NotFound(Codes.Thing.SettlementRun);
            }
            var summary = new Dictionary<string, object?>
            {
                [columns.Run] = header.Run.Id.ToString(), [columns.Party] = header.PartyName, [columns.Period] = header.Run.Period,
                [columns.Status] = columns.Label(header.Run.Status.ToString()), [columns.LineCount] = header.Run.LineCount, [columns.Amount] = Parts.Fen.ToYuan(header.Run.TotalFen),
            };
            var sheets = new Dictionary<string, object>
            {
                ["Summary"] = new[] { summary },
                ["Lines"] = LineRows(c, tx, id, columns),
            };
            await MiniExcel.SaveAsAsync(file, sheets, excelType: ExcelType.XLSX, configuration: Layout(columns), cancellationToken: ct);
            if (tx is not null) await tx.CommitAsync(ct);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        http.Response.Headers.ContentDisposition = Disposition(header, "xlsx");
        return Results.Stream(file, XlsxType);
    }

    private static async Task<Header?> LoadHeaderAsync(DbConnection c, DbTransaction? tx, Guid id)
    {
        if (await SettlementRun.LoadAsync(c, tx, id) is not { } run) return null;
        var name = await c.ExecuteScalarAsync<string?>(PartyNameSql, new { run.ManufacturerId, run.InstallerPartnerId }, tx);
        return new Header(run, name ?? "");
    }

    // A read transaction: on SQLite (WAL) it is a snapshot and takes no write lock. SQL Server reads committed rows as they stream.
    private static DbTransaction? ReadTransaction(DbConnection c) => c is SqliteConnection s ? s.BeginTransaction(deferred: true) : null;

    private static async Task WriteCsvAsync(Stream body, Db db, Guid id, ExportColumns columns, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = ReadTransaction(c);
        await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture), leaveOpen: true);
        foreach (var h in columns.LineHeaders) csv.WriteField(h);
        await csv.NextRecordAsync();
        long totalFen = 0;
        await foreach (var line in c.QueryUnbufferedAsync<ReadRuns.LineRow>(ReadRuns.LinesSql, new { Id = id }, tx).WithCancellation(ct))
        {
            totalFen += line.AmountFen;
            csv.WriteField(line.Id.ToString());
            csv.WriteField(line.WorkOrderNumber);
            csv.WriteField(columns.Label(line.Kind));
            csv.WriteField(SafeText(line.DescriptionIn(columns.Culture)));
            csv.WriteField(Amount(line.AmountFen));
            csv.WriteField(columns.YesNo(line.Disputed));
            csv.WriteField(SafeText(line.DisputeReason));
            await csv.NextRecordAsync();
        }
        // The total row: the sum of the lines above, which in the snapshot is the run's recounted total.
        foreach (var field in new[] { "", "", columns.Total, "", Amount(totalFen), "", "" }) csv.WriteField(field);
        await csv.NextRecordAsync();
        await csv.FlushAsync();
        await text.FlushAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
    }

    // Lazy: MiniExcel pulls one row at a time from the unbuffered reader; the last row is the total of the lines above.
    private static IEnumerable<Dictionary<string, object?>> LineRows(DbConnection c, DbTransaction? tx, Guid id, ExportColumns columns)
    {
        long totalFen = 0;
        foreach (var line in c.Query<ReadRuns.LineRow>(ReadRuns.LinesSql, new { Id = id }, tx, buffered: false))
        {
            totalFen += line.AmountFen;
            yield return new Dictionary<string, object?>
            {
                [columns.Line] = line.Id.ToString(), [columns.WorkOrder] = line.WorkOrderNumber, [columns.Kind] = columns.Label(line.Kind),
                [columns.Description] = SafeText(line.DescriptionIn(columns.Culture)), [columns.Amount] = Parts.Fen.ToYuan(line.AmountFen), [columns.Disputed] = columns.YesNo(line.Disputed),
                [columns.DisputeReason] = SafeText(line.DisputeReason),
            };
        }
        yield return new Dictionary<string, object?>
        {
            [columns.Line] = null, [columns.WorkOrder] = null, [columns.Kind] = columns.Total, [columns.Description] = null,
            [columns.Amount] = Parts.Fen.ToYuan(totalFen), [columns.Disputed] = null, [columns.DisputeReason] = null,
        };
    }

    /// <summary>Columns wide enough to read without resizing, and amounts always with two decimals.</summary>
    private static OpenXmlConfiguration Layout(ExportColumns columns) => new()
    {
        FastMode = false,
        DynamicColumns =
        [
            new DynamicExcelColumn(columns.Line) { Width = 38 }, new DynamicExcelColumn(columns.WorkOrder) { Width = 18 },
            new DynamicExcelColumn(columns.Kind) { Width = 16 }, new DynamicExcelColumn(columns.Description) { Width = 50 },
            new DynamicExcelColumn(columns.Amount) { Width = 14, Format = "#,##0.00" }, new DynamicExcelColumn(columns.Disputed) { Width = 10 },
            new DynamicExcelColumn(columns.DisputeReason) { Width = 30 }, new DynamicExcelColumn(columns.Run) { Width = 38 },
            new DynamicExcelColumn(columns.Party) { Width = 24 }, new DynamicExcelColumn(columns.Period) { Width = 10 },
            new DynamicExcelColumn(columns.Status) { Width = 10 }, new DynamicExcelColumn(columns.LineCount) { Width = 8 },
        ],
    };

    private static string Amount(long fen) => Parts.Fen.ToYuan(fen).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>attachment; filename="settlement-{ascii slug or party id}-{period}.ext"; filename*=UTF-8''settlement-{name slug}-{period}.ext</summary>
    internal static string Disposition(Header header, string ext)
    {
        var partyId = (header.Run.ManufacturerId ?? header.Run.InstallerPartnerId ?? header.Run.Id).ToString("N");
        var slug = Slug(header.PartyName);
        var ascii = slug.Length > 0 && slug.All(char.IsAscii) ? slug : partyId;
        var value = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileName = $"settlement-{ascii}-{header.Run.Period}.{ext}",
            FileNameStar = $"settlement-{(slug.Length > 0 ? slug : partyId)}-{header.Run.Period}.{ext}",
        };
        return value.ToString();
    }

    // Letters and digits of any script, lower-cased; every other run of characters becomes one hyphen.
    internal static string Slug(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    internal sealed record Header(SettlementRun Run, string PartyName);

    // Typed text (adjustments, dispute reasons) must not run as a spreadsheet formula when the file is opened.
    internal static string? SafeText(string? text) =>
        text is { Length: > 0 } && "=+-@\t\r".Contains(text[0]) ? "'" + text : text;
}
