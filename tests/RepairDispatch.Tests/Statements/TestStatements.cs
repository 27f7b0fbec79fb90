using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security;
using System.Text;

namespace RepairDispatch.Tests.Statements;

/// <summary>
/// Statement files as portals export them, written byte by byte so each test controls what a reader meets: an XLSX
/// whose sheet XML has inline strings, numbers, empty rows and merged ranges (with the empty cells Excel writes inside
/// them), and CSV text in a chosen encoding.
/// </summary>
public static class TestStatements
{
    public static readonly string[] Headers = ["序号", "工单号", "厂家单号", "机身条码", "完工日期", "申报金额", "审核金额", "扣款金额", "扣款原因", "审核状态"];

    public static object Mapping(int? headerRow = null, string? sheet = null) => new
    {
        sheet, headerRow,
        columns = new
        {
            workOrderNumber = "工单号", manufacturerOrderNumber = "厂家单号", serialNumber = "机身条码", completedOn = "完工日期",
            claimedAmount = "申报金额", approvedAmount = "审核金额", deduction = "扣款金额", deductionReason = "扣款原因", status = "审核状态",
        },
        reasons = new[] { new { contains = "旧件", reason = "PartNotReturned" }, new { contains = "条码", reason = "InvalidSerial" } },
    };

    /// <summary>A portal's layout: a merged title row, a note row, an empty row, the header, the lines, a totals row and a note below it.</summary>
    public static List<object?[]?> Portal(params object?[][] lines)
    {
        List<object?[]?> rows =
        [
            Wide("海尔集团售后服务结算单 " + Guid.NewGuid().ToString("N")[..8]),
            Wide("服务网点：浦东一店      结算周期：2026年10月"),
            null,
            Headers,
        ];
        rows.AddRange(lines);
        rows.Add(Wide("合计"));
        rows.Add(Wide("注：如有异议请于7日内反馈。"));
        return rows;
    }

    /// <summary>A row whose first cell spans the table (merged, so the cells after it are written empty).</summary>
    private static object?[] Wide(string text)
    {
        var row = new object?[Headers.Length];
        row[0] = text;
        return row;
    }

    /// <summary>The merged ranges of <see cref="Portal"/>'s title and note rows.</summary>
    public static readonly string[] PortalMerges = ["A1:J1", "A2:J2"];

    public static byte[] Xlsx(IReadOnlyList<object?[]?> rows, IEnumerable<string>? merges = null, string sheet = "结算单")
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r] is not { } cells) continue;
            xml.Append($"<row r=\"{r + 1}\">");
            for (var c = 0; c < cells.Length; c++)
            {
                var at = Letters(c) + (r + 1);
                xml.Append(cells[c] switch
                {
                    null => $"<c r=\"{at}\"/>",
                    string s => $"<c r=\"{at}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(s)}</t></is></c>",
                    IFormattable n => $"<c r=\"{at}\"><v>{n.ToString(null, CultureInfo.InvariantCulture)}</v></c>",
                    var other => throw new ArgumentException($"No cell for {other.GetType()}"),
                });
            }
            xml.Append("</row>");
        }
        xml.Append("</sheetData>");
        var ranges = merges?.ToList() ?? [];
        if (ranges.Count > 0) xml.Append($"<mergeCells count=\"{ranges.Count}\">").AppendJoin("", ranges.Select(m => $"<mergeCell ref=\"{m}\"/>")).Append("</mergeCells>");
        xml.Append("</worksheet>");

        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Put(string name, string text)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }
            Put("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Put("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Put("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Put("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            Put("xl/worksheets/sheet1.xml", xml.ToString());
        }
        return bytes.ToArray();
    }

    /// <summary>CSV text of the rows (fields with a comma or quote are quoted), in the encoding, with its BOM when asked.</summary>
    public static byte[] Csv(IReadOnlyList<object?[]?> rows, Encoding encoding, bool bom = false)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join(",", (row ?? []).Select(c => Field(c switch
            {
                null => "",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var o => o.ToString() ?? "",
            })))).Append("\r\n");
        var body = encoding.GetBytes(text.ToString());
        return bom ? [.. encoding.GetPreamble(), .. body] : body;
    }

    private static string Field(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    public static Encoding Gbk()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GBK");
    }

    public static MultipartFormDataContent Form(byte[] file, string? manufacturerId, string? period = null, string fileName = "结算单.xlsx", string? boundary = null)
    {
        var form = boundary is null ? new MultipartFormDataContent() : new MultipartFormDataContent(boundary);
        if (manufacturerId is not null) form.Add(new StringContent(manufacturerId), "manufacturerId");
        if (period is not null) form.Add(new StringContent(period), "period");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        return form;
    }

    private static string Letters(int index)
    {
        var s = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26) s = (char)('A' + (i - 1) % 26) + s;
        return s;
    }
}
