using System.Globalization;
using System.Text;
using System.Xml;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Statements;

public enum StatementFormat { Xlsx, Csv }

/// <summary>
/// A statement file on disk, read as a stream of rows whatever its format. XLSX: MiniExcel, which reads the sheet's XML
/// with an XmlReader row by row (merged cells filled from their first cell by `FillMergedCells`, which costs one more
/// pass over the sheet's XML, not memory). CSV: CsvHelper's parser (RFC 4180 quoting, delimiter detected) over a
/// StreamReader in the file's encoding: a BOM's, else UTF-8 when every byte sequence is valid UTF-8, else GB18030 (a
/// superset of GBK, what Chinese Excel writes). The type is decided by content, never by the file name.
/// </summary>
public static class StatementFile
{
    static StatementFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly OpenXmlConfiguration Xlsx = new() { FillMergedCells = true };

    public static (StatementFormat? Format, Text? Problem) Detect(string path)
    {
        var head = new byte[4096];
        int read;
        using (var file = File.OpenRead(path)) read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, read);
        if (bytes.StartsWith("PK\u0003\u0004"u8))
        {
            try
            {
                return MiniExcel.GetSheetNames(path).Count > 0 ? (StatementFormat.Xlsx, null) : (null, Codes.Statement.NotATable);
            }
            catch (Exception e) when (IsDamaged(e))
            {
                return (null, Codes.Statement.NotATable);
            }
        }
        if (bytes.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 })) return (null, Codes.Statement.OldExcel);
        var utf16 = bytes.StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.StartsWith(new byte[] { 0xFE, 0xFF });
        return utf16 || !bytes.Contains((byte)0) ? (StatementFormat.Csv, null) : (null, Codes.Statement.NotATable);
    }

    /// <summary>Errors that mean "this file is not what it claims", as opposed to our own faults.</summary>
    public static bool IsDamaged(Exception e) =>
        e is InvalidDataException or XmlException or IOException or FormatException or CsvHelperException or KeyNotFoundException
            or InvalidOperationException or IndexOutOfRangeException or ArgumentException;

    public static IReadOnlyList<string> SheetNames(string path) => MiniExcel.GetSheetNames(path);

    public static IEnumerable<SheetRow> Rows(string path, StatementFormat format, string? sheet) =>
        format == StatementFormat.Xlsx ? XlsxRows(path, sheet) : CsvRows(path);

    private static IEnumerable<SheetRow> XlsxRows(string path, string? sheet)
    {
        var number = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(path, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX, configuration: Xlsx))
            yield return new SheetRow(++number, [.. row.Values]);
    }

    private static IEnumerable<SheetRow> CsvRows(string path)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false, DetectDelimiter = true, BadDataFound = null, MissingFieldFound = null,
        };
        using var reader = new StreamReader(path, CsvEncoding(path), detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, config);
        var number = 0;
        while (parser.Read()) yield return new SheetRow(++number, [.. parser.Record ?? []]);
    }

    public static Encoding CsvEncoding(string path)
    {
        using var file = File.OpenRead(path);
        var bom = new byte[3];
        var n = file.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        if (n >= 3 && bom is [0xEF, 0xBB, 0xBF]) return new UTF8Encoding(false);
        if (n >= 2 && bom[0] == 0xFF && bom[1] == 0xFE) return Encoding.Unicode;
        if (n >= 2 && bom[0] == 0xFE && bom[1] == 0xFF) return Encoding.BigEndianUnicode;
        file.Position = 0;
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[81920];
        var chars = new char[81921];
        try
        {
            int read;
            while ((read = file.Read(buffer)) > 0) decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            decoder.GetChars(buffer, 0, 0, chars, 0, flush: true);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030");
        }
    }
}
