using System.Globalization;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Statements;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Sales;

/// <summary>A sale read from the daily file, with the file's row of each line (to name it when the sale is refused).</summary>
public sealed record SheetSale(SaleRequest Request, IReadOnlyList<int> LineRows);

/// <summary>
/// Reads the daily sales file of a store without an integration: a header row (Chinese or English column names, in any
/// order), then one row per sale line; the rows of one sale share its sale number and the first of them gives the
/// sale's time and customer. A row's faults are named by row and column; a sale with a faulty row is refused whole.
/// Pure: rows in, sales and faults out (times are the store's local time).
/// </summary>
public static class SalesSheet
{
    private static readonly (string Field, bool Required, string[] Headers)[] Columns =
    [
        ("saleNumber", true, ["销售单号", "saleNumber"]), ("soldAt", true, ["销售时间", "销售日期", "soldAt"]),
        ("customerName", true, ["顾客姓名", "customerName"]), ("phone", true, ["电话", "手机", "phone"]),
        ("district", false, ["区", "district"]), ("street", false, ["地址", "street"]),
        ("lineNo", true, ["行号", "lineNo"]), ("category", true, ["品类", "category"]), ("manufacturer", true, ["品牌", "manufacturer"]),
        ("model", true, ["型号", "model"]), ("serialNumber", false, ["序列号", "serialNumber"]), ("qty", true, ["数量", "qty"]),
        ("price", true, ["单价", "price"]), ("invoiceNumber", true, ["发票号", "invoiceNumber"]),
        ("needsInstallation", false, ["需安装", "needsInstallation"]), ("deliveryOn", false, ["送货日期", "deliveryOn"]),
    ];

    private static readonly Dictionary<string, ApplianceCategory> CategoryWords = new()
    {
        ["空调"] = ApplianceCategory.AirConditioner, ["热水器"] = ApplianceCategory.WaterHeater, ["油烟机"] = ApplianceCategory.RangeHood,
        ["燃气灶"] = ApplianceCategory.GasStove, ["洗衣机"] = ApplianceCategory.WashingMachine, ["冰箱"] = ApplianceCategory.Refrigerator,
        ["电视"] = ApplianceCategory.Tv, ["音响"] = ApplianceCategory.Audio, ["小家电"] = ApplianceCategory.SmallAppliance,
    };

    private static readonly string[] TimeForms = ["yyyy-M-d H:mm", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss"];

    public sealed record Result(List<SheetSale> Sales, Dictionary<int, List<Text>> Faults, Text? FileProblem, int Rows);

    /// <param name="manufacturers">Manufacturer ids by <see cref="StatementCells.HeaderKey"/> of their name.</param>
    public static Result Read(IEnumerable<SheetRow> rows, IReadOnlyDictionary<string, Guid> manufacturers, StoreZone zone)
    {
        Dictionary<string, (int Index, string Header)>? at = null;
        var faults = new Dictionary<int, List<Text>>();
        var groups = new Dictionary<string, List<(int Row, SaleLineRequest Line, SaleRequest Head)>>();
        var order = new List<string>();
        var refusedSales = new Dictionary<string, int>();
        var count = 0;
        foreach (var row in rows)
        {
            var texts = row.Cells.Select(StatementCells.Text).ToArray();
            if (texts.All(t => t is null)) continue;
            if (at is null)
            {
                at = Header(texts);
                if (at is null && row.Number >= StatementTable.HeaderSearchRows) break;
                continue;
            }
            count++;
            var rowFaults = new List<Text>();
            var parsed = Parse(row, texts, at, manufacturers, zone, rowFaults);
            var number = Cell(texts, at, "saleNumber") ?? "";
            if (!groups.ContainsKey(number)) { groups[number] = []; order.Add(number); }
            if (rowFaults.Count > 0)
            {
                faults[row.Number] = rowFaults;
                refusedSales.TryAdd(number, row.Number);
            }
            else groups[number].Add((row.Number, parsed!.Value.Line, parsed.Value.Head));
        }
        if (at is null)
            return new([], [], Codes.SalesImport.ColumnsMissing.With(Columns.Where(c => c.Required).Select(c => c.Headers[0]).ToList()), 0);
        if (count == 0) return new([], [], Codes.SalesImport.NoRows, 0);

        var sales = new List<SheetSale>();
        foreach (var number in order)
        {
            var lines = groups[number];
            if (refusedSales.TryGetValue(number, out var badRow))
            {
                foreach (var (r, _, _) in lines) faults[r] = [Codes.SalesImport.SaleRefused.With(number, badRow)];
                continue;
            }
            var head = lines[0].Head;
            sales.Add(new SheetSale(head with { Lines = [.. lines.Select(l => l.Line)] }, [.. lines.Select(l => l.Row)]));
        }
        return new(sales, faults, null, count);
    }

    private static Dictionary<string, (int, string)>? Header(string?[] texts)
    {
        var found = new Dictionary<string, (int, string)>();
        for (var i = 0; i < texts.Length; i++)
        {
            if (texts[i] is not { } text) continue;
            var key = StatementCells.HeaderKey(text);
            foreach (var (field, _, headers) in Columns)
                if (headers.Any(h => StatementCells.HeaderKey(h) == key)) found.TryAdd(field, (i, text));
        }
        return Columns.Where(c => c.Required).All(c => found.ContainsKey(c.Field)) ? found : null;
    }

    private static string? Cell(string?[] texts, Dictionary<string, (int Index, string Header)> at, string field) =>
        at.TryGetValue(field, out var c) && c.Index < texts.Length ? texts[c.Index] : null;

    private static (SaleLineRequest Line, SaleRequest Head)? Parse(SheetRow row, string?[] texts, Dictionary<string, (int Index, string Header)> at,
        IReadOnlyDictionary<string, Guid> manufacturers, StoreZone zone, List<Text> faults)
    {
        string Header(string field) => at.TryGetValue(field, out var c) ? c.Header : field;
        object? Raw(string field) => at.TryGetValue(field, out var c) && c.Index < row.Cells.Length ? row.Cells[c.Index] : null;
        string? Get(string field)
        {
            var value = Cell(texts, at, field);
            if (value is null && Columns.Single(c => c.Field == field).Required) faults.Add(Codes.SalesImport.CellRequired.With(row.Number, Header(field)));
            return value;
        }
        T? Invalid<T>(string field, string value) where T : struct
        {
            faults.Add(Codes.SalesImport.CellInvalid.With(row.Number, Header(field), value));
            return null;
        }

        var number = Get("saleNumber");
        var name = Get("customerName");
        var phone = Get("phone");
        var model = Get("model");
        var invoice = Get("invoiceNumber");
        DateTimeOffset? soldAt = Get("soldAt") is { } soldText ? SoldAt(Raw("soldAt"), soldText, zone) ?? Invalid<DateTimeOffset>("soldAt", soldText) : null;
        int? lineNo = Get("lineNo") is { } lineText ? int.TryParse(lineText, CultureInfo.InvariantCulture, out var n) ? n : Invalid<int>("lineNo", lineText) : null;
        int? qty = Get("qty") is { } qtyText ? int.TryParse(qtyText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var q) ? q : Invalid<int>("qty", qtyText) : null;
        decimal? price = Get("price") is { } priceText
            ? StatementCells.TryFen(Raw("price"), out var fen) ? fen / 100m : Invalid<decimal>("price", priceText) : null;
        ApplianceCategory? category = Get("category") is { } categoryText
            ? CategoryWords.TryGetValue(categoryText, out var cw) ? cw
              : Enum.TryParse<ApplianceCategory>(categoryText, ignoreCase: true, out var ce) && Enum.IsDefined(ce) && !int.TryParse(categoryText, out _) ? ce
              : Invalid<ApplianceCategory>("category", categoryText)
            : null;
        Guid? manufacturer = null;
        if (Get("manufacturer") is { } makerText)
        {
            if (manufacturers.TryGetValue(StatementCells.HeaderKey(makerText), out var m)) manufacturer = m;
            else faults.Add(Codes.SalesImport.UnknownManufacturer.With(row.Number, makerText));
        }
        bool? install = Cell(texts, at, "needsInstallation") is { } installText
            ? installText.ToLowerInvariant() switch { "是" or "yes" or "y" or "true" or "1" => true, "否" or "no" or "n" or "false" or "0" => false, _ => Invalid<bool>("needsInstallation", installText) }
            : null;
        DateOnly? delivery = Cell(texts, at, "deliveryOn") is { } deliveryText
            ? StatementCells.TryDate(Raw("deliveryOn"), out var day) ? day : Invalid<DateOnly>("deliveryOn", deliveryText)
            : null;
        if (faults.Count > 0) return null;

        var district = Cell(texts, at, "district");
        var street = Cell(texts, at, "street");
        var address = district is not null && street is not null ? new AddressRequest(district, street, null, null) : null;
        var line = new SaleLineRequest(lineNo, category, manufacturer, model!, Cell(texts, at, "serialNumber"), qty, price, invoice!, install, delivery);
        var phones = phone!.Split(['/', ';', '；', '、', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return (line, new SaleRequest(number!, null, soldAt, new SaleCustomerRequest(name!, phones, address), []));
    }

    /// <summary>The sale's time in the store's zone: an Excel date-time, "yyyy-M-d H:mm", or a day alone (noon of it).</summary>
    private static DateTimeOffset? SoldAt(object? raw, string text, StoreZone zone)
    {
        DateTime local;
        if (raw is DateTime t) local = t;
        else if (DateTime.TryParseExact(text, TimeForms, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed)) local = parsed;
        else if (StatementCells.TryDate(raw, out var day)) local = day.ToDateTime(new TimeOnly(12, 0));
        else return null;
        return zone.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }
}
