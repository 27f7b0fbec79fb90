using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.OldParts;

/// <summary>
/// The packing list that goes in the box: one row per part, headers in Chinese unless lang=en asks otherwise, as CSV
/// (UTF-8 with BOM, so Excel reads Chinese) or XLSX — the same libraries and conventions as the settlement export. A
/// batch is at most 200 parts, so the file is made in memory.
/// </summary>
public static class PackingList
{
    public static async Task<IResult> Handle(Guid id, string? format, string? lang, HttpContext http, Db db)
    {
        format = (format ?? "csv").ToLowerInvariant();
        if (format is not ("csv" or "xlsx")) return Problems.Validation("format", Codes.Refusal.CsvOrXlsx);
        if (ExportColumns.For(lang ?? "zh") is not { } language) return Problems.Validation("lang", Codes.Refusal.EnOrZh);
        var culture = language.Culture;
        ReturnRow? batch;
        List<OldPartRow> parts;
        string shippedOn;
        await using (var c = await db.OpenAsync(http.RequestAborted))
        {
            batch = await ReturnRow.ByIdAsync(c, null, id);
            if (batch is null || !http.Me().SeesStore(batch.StoreId)) return Problems.NotFound(Codes.OldPart.ReturnThing);
            parts = await ReturnRow.PartsAsync(c, null, id);
            shippedOn = Codes.Day((await Stores.StoreClock.OfStoreAsync(c, null, batch.StoreId)).DayOf(batch.ShippedAt));
        }
        var headers = Codes.OldPart.PackingHeaders.Select(h => ((Text)h).Render(culture)).ToArray();
        var rows = parts.Select((p, i) => new object?[]
        {
            i + 1, p.Tag, p.WorkOrderNumber, ExportRun.SafeText(p.PartNumber), ExportRun.SafeText(p.PartName), p.Quantity,
            ExportRun.SafeText(batch.ManufacturerName), ExportRun.SafeText(batch.Carrier), ExportRun.SafeText(batch.Waybill), shippedOn,
        }).ToList();
        var name = $"packing-list-{ExportRun.Slug(batch.Carrier + "-" + batch.Waybill)}.{format}";
        http.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = name }.ToString();
        return format == "csv"
            ? TypedResults.File(Csv(headers, rows), ExportRun.CsvType + "; charset=utf-8")
            : TypedResults.File(await XlsxAsync(headers, rows, ((Text)Codes.OldPart.PackingSheet).Render(culture)), ExportRun.XlsxType);
    }

    internal static byte[] Csv(string[] headers, List<object?[]> rows)
    {
        using var memory = new MemoryStream();
        using (var text = new StreamWriter(memory, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture)))
        {
            foreach (var row in rows.Prepend(headers))
            {
                foreach (var field in row) csv.WriteField(Convert.ToString(field, CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        }
        return memory.ToArray();
    }

    internal static async Task<byte[]> XlsxAsync(string[] headers, List<object?[]> rows, string sheet)
    {
        using var memory = new MemoryStream();
        var table = rows.Select(row => headers.Zip(row).ToDictionary(p => p.First, p => p.Second)).ToList();
        await memory.SaveAsAsync(table, sheetName: sheet, excelType: ExcelType.XLSX);
        return memory.ToArray();
    }
}
