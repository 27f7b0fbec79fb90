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
/// A run as a file for the manufacturer or partner: CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX (a Summary,
/// a Lines and a Stores sheet). Lines come store by store, each store's section closed by its subtotal row, and the
/// last row is the grand total, the sum of the lines. A store-bound caller gets his store's section only. Lines stream
/// from an unbuffered query, so memory stays flat however long the run. On SQLite the run and its lines are read in
/// one deferred (read) transaction: WAL gives a snapshot, so the totals in the file are those of the lines in the file.
/// </summary>
public static class ExportRun
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string PartyNameSql = """
        SELECT COALESCE((SELECT name FROM manufacturers WHERE id = @ManufacturerId), (SELECT name FROM installer_partners WHERE id = @InstallerPartnerId))
        """;

    public static async Task<IResult> Handle(Guid id, string? format, string? lang, Guid? storeId, HttpContext http, Db db)
    {
        format = (format ?? "csv").ToLowerInvariant();
        if (format is not ("csv" or "xlsx")) return Problems.Validation("format", Codes.Refusal.CsvOrXlsx);
        if (ExportColumns.For(lang) is not { } columns) return Problems.Validation("lang", Codes.Refusal.EnOrZh);
        if (RunScope.ViewedStore(Auth.CurrentUserBinding.Me(http), storeId, out var store) is { } refused) return refused;
        var ct = http.RequestAborted;

        if (format == "csv")
        {
            Header? found;
            await using (var c = await db.OpenAsync(ct)) found = await LoadHeaderAsync(c, null, id, store);
            if (found is null) return Problems.NotFound(Codes.Thing.SettlementRun);
            http.Response.Headers.ContentDisposition = Disposition(found, "csv");
            return Results.Stream(body => WriteCsvAsync(body, db, id, store, columns, ct), CsvType + "; charset=utf-8");
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
            header = await LoadHeaderAsync(c, tx, id, store);
            if (header is null)
            {
                await file.DisposeAsync();
                return Problems.NotFound(Codes.Thing.SettlementRun);
            }
            var summary = new Dictionary<string, object?>
            {
                [columns.Run] = header.Run.Id.ToString(), [columns.Party] = header.PartyName, [columns.Period] = header.Run.Period,
                [columns.Status] = columns.Label(header.Run.Status.ToString()), [columns.LineCount] = header.Run.LineCount, [columns.Amount] = header.Run.Total,
            };
            var sheets = new Dictionary<string, object>
            {
                ["Summary"] = new[] { summary },
                ["Lines"] = LineRows(c, tx, id, store, columns),
                ["Stores"] = StoreRows(header.Run, columns),
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

    private static async Task<Header?> LoadHeaderAsync(DbConnection c, DbTransaction? tx, Guid id, Guid? store)
    {
        if (await SettlementRun.ViewAsync(c, tx, id, store) is not { } run) return null;
        var name = await c.ExecuteScalarAsync<string?>(PartyNameSql, new { run.ManufacturerId, run.InstallerPartnerId }, tx);
        return new Header(run, name ?? "");
    }

    // A read transaction: on SQLite (WAL) it is a snapshot and takes no write lock. SQL Server reads committed rows as they stream.
    private static DbTransaction? ReadTransaction(DbConnection c) => c is SqliteConnection s ? s.BeginTransaction(deferred: true) : null;

    private static async Task WriteCsvAsync(Stream body, Db db, Guid id, Guid? store, ExportColumns columns, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = ReadTransaction(c);
        await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture), leaveOpen: true);
        foreach (var h in columns.LineHeaders) csv.WriteField(h);
        await csv.NextRecordAsync();
        var sections = new ExportSections(columns);
        async Task WriteSubtotal(ExportSections.Subtotal? subtotal)
        {
            if (subtotal is null) return;
            foreach (var field in new[] { "", "", columns.Subtotal, subtotal.Store, Amount(subtotal.Fen), "", "", subtotal.Store }) csv.WriteField(field);
            await csv.NextRecordAsync();
        }
        await foreach (var line in c.QueryUnbufferedAsync<ReadRuns.LineRow>(ReadRuns.LinesSql, new { Id = id, StoreId = store }, tx).WithCancellation(ct))
        {
            await WriteSubtotal(sections.Next(line));
            csv.WriteField(line.Id.ToString());
            csv.WriteField(line.WorkOrderNumber);
            csv.WriteField(columns.Label(line.Kind));
            csv.WriteField(SafeText(line.DescriptionIn(columns.Culture)));
            csv.WriteField(Amount(line.AmountFen));
            csv.WriteField(columns.YesNo(line.Disputed));
            csv.WriteField(SafeText(line.DisputeReason));
            csv.WriteField(sections.StoreOf(line));
            await csv.NextRecordAsync();
        }
        await WriteSubtotal(sections.Last());
        // The total row: the sum of the lines above, which in the snapshot is the run's recounted total.
        foreach (var field in new[] { "", "", columns.Total, "", Amount(sections.TotalFen), "", "", "" }) csv.WriteField(field);
        await csv.NextRecordAsync();
        await csv.FlushAsync();
        await text.FlushAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
    }

    // Lazy: MiniExcel pulls one row at a time from the unbuffered reader; a store's subtotal row follows its last line and
    // the last row is the total of the lines above.
    private static IEnumerable<Dictionary<string, object?>> LineRows(DbConnection c, DbTransaction? tx, Guid id, Guid? store, ExportColumns columns)
    {
        var sections = new ExportSections(columns);
        Dictionary<string, object?> Row(string? line, string? order, string kind, string? description, long fen, string? disputed, string? reason, string? storeName) => new()
        {
            [columns.Line] = line, [columns.WorkOrder] = order, [columns.Kind] = kind, [columns.Description] = description,
            [columns.Amount] = Parts.Fen.ToYuan(fen), [columns.Disputed] = disputed, [columns.DisputeReason] = reason, [columns.Store] = storeName,
        };
        foreach (var line in c.Query<ReadRuns.LineRow>(ReadRuns.LinesSql, new { Id = id, StoreId = store }, tx, buffered: false))
        {
            if (sections.Next(line) is { } closed) yield return Row(null, null, columns.Subtotal, closed.Store, closed.Fen, null, null, closed.Store);
            yield return Row(line.Id.ToString(), line.WorkOrderNumber, columns.Label(line.Kind), SafeText(line.DescriptionIn(columns.Culture)), line.AmountFen,
                columns.YesNo(line.Disputed), SafeText(line.DisputeReason), sections.StoreOf(line));
        }
        if (sections.Last() is { } last) yield return Row(null, null, columns.Subtotal, last.Store, last.Fen, null, null, last.Store);
        yield return Row(null, null, columns.Total, null, sections.TotalFen, null, null, null);
    }

    // The Stores sheet: one row per store's subtotal, then the total (the subtotals read in the same snapshot as the lines).
    private static IEnumerable<Dictionary<string, object?>> StoreRows(SettlementRunView run, ExportColumns columns) =>
        run.Stores.Select(s => new Dictionary<string, object?>
            {
                [columns.Store] = ExportSections.Label(s.StoreCode, s.StoreName, columns), [columns.LineCount] = s.LineCount, [columns.Amount] = s.Total,
            })
            .Append(new Dictionary<string, object?> { [columns.Store] = columns.Total, [columns.LineCount] = run.LineCount, [columns.Amount] = run.Total });

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
            new DynamicExcelColumn(columns.Store) { Width = 24 },
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

    internal sealed record Header(SettlementRunView Run, string PartyName);

    // Typed text (adjustments, dispute reasons) must not run as a spreadsheet formula when the file is opened.
    internal static string? SafeText(string? text) =>
        text is { Length: > 0 } && "=+-@\t\r".Contains(text[0]) ? "'" + text : text;
}
