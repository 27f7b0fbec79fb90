using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using MiniExcelLibs;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Payroll;

/// <summary>
/// A month's pay statement as a file, in Chinese (lang=en for English): CSV (UTF-8 with BOM, so Excel reads Chinese) or
/// XLSX. One row per line, technician by technician, each closed by his subtotal; the last row is the total of the lines.
/// A month's lines are few (a store's technicians × their jobs), so the rows are built in memory.
/// </summary>
public static class ExportPeriod
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string RowsSql = """
        SELECT s.code AS store_code, t.code AS technician_code, t.name AS technician_name, o.number, l.code, l.text_code, l.text_args, l.amount_fen
        FROM payroll_lines l JOIN technicians t ON t.id = l.technician_id JOIN stores s ON s.id = l.store_id
        LEFT JOIN work_orders o ON o.id = l.work_order_id
        WHERE l.period = @Period AND l.store_id IN @Stores
        ORDER BY s.code, t.code, l.technician_id, l.code, o.number, l.source_id
        """;

    public static async Task<IResult> Handle(string period, string? format, string? lang, Guid? storeId, HttpContext http, Db db, StoreClock clock)
    {
        format = (format ?? "csv").ToLowerInvariant();
        if (format is not ("csv" or "xlsx")) return Problems.Validation("format", Codes.Refusal.CsvOrXlsx);
        var culture = (lang ?? "zh").ToLowerInvariant() switch { "zh" or "zh-cn" => Localization.Chinese, "en" => Localization.English, _ => null };
        if (culture is null) return Problems.Validation("lang", Codes.Refusal.EnOrZh);
        if (PayPeriod.CheckPeriod(period, clock.HeadquartersToday.AddDays(1)) is { } bad) return bad;
        await using var c = await db.OpenAsync(http.RequestAborted);
        var (stores, refused) = await PayPeriod.StoresAsync(c, null, http.Me(), storeId);
        if (refused is not null) return refused;
        var lines = (await c.QueryAsync<Row>(RowsSql, new { Period = period, Stores = Db.IdList(c, stores) })).ToList();
        var table = Table(lines, culture, period);
        var name = $"payroll-{period}{(storeId is null ? "" : "-" + lines.FirstOrDefault()?.StoreCode)}.{format}";
        http.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = name, FileName = name }.ToString();
        if (format == "csv") return Results.Bytes(Csv(table), CsvType + "; charset=utf-8");
        var file = new MemoryStream();
        var rows = table.Skip(1).Select(r => table[0].Zip(r).ToDictionary(p => p.First, p => (object?)p.Second));
        await MiniExcel.SaveAsAsync(file, rows, excelType: ExcelType.XLSX, cancellationToken: http.RequestAborted);
        return Results.Bytes(file.ToArray(), XlsxType);
    }

    private static List<string[]> Table(List<Row> lines, CultureInfo culture, string period)
    {
        string Say(Code code) => code.With().Render(culture);
        var rows = new List<string[]>
        {
            new[] { Codes.Payroll.ExportPeriod, Codes.Payroll.ExportStore, Codes.Payroll.ExportTechnician, Codes.Payroll.ExportWorkOrder,
                Codes.Payroll.ExportKind, Codes.Payroll.ExportReason, Codes.Payroll.ExportAmount }.Select(Say).ToArray(),
        };
        foreach (var technician in lines.GroupBy(l => (l.StoreCode, l.TechnicianCode, l.TechnicianName)))
        {
            var who = $"{technician.Key.TechnicianCode} {technician.Key.TechnicianName}";
            foreach (var l in technician)
                rows.Add([period, l.StoreCode, who, l.Number ?? "", Codes.Payroll.Kind(l.Code).Render(culture),
                    Settlements.ExportRun.SafeText(Text.Stored(l.TextCode, l.TextArgs).Render(culture)) ?? "", Amount(l.AmountFen)]);
            rows.Add([period, technician.Key.StoreCode, who, "", Say(Codes.Payroll.ExportSubtotal), "", Amount(technician.Sum(l => l.AmountFen))]);
        }
        rows.Add([period, "", "", "", Say(Codes.Payroll.ExportTotal), "", Amount(lines.Sum(l => l.AmountFen))]);
        return rows;
    }

    private static byte[] Csv(List<string[]> table)
    {
        using var bytes = new MemoryStream();
        using (var text = new StreamWriter(bytes, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture)))
            foreach (var row in table)
            {
                foreach (var field in row) csv.WriteField(field);
                csv.NextRecord();
            }
        return bytes.ToArray();
    }

    private static string Amount(long fen) => Fen.ToYuan(fen).ToString("0.00", CultureInfo.InvariantCulture);

    private sealed class Row
    {
        public string StoreCode { get; init; } = "";
        public string TechnicianCode { get; init; } = "";
        public string TechnicianName { get; init; } = "";
        public string? Number { get; init; }
        public string Code { get; init; } = "";
        public string TextCode { get; init; } = "";
        public string? TextArgs { get; init; }
        public long AmountFen { get; init; }
    }
}
