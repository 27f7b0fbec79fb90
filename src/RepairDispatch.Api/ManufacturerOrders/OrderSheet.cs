using System.Globalization;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Statements;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.ManufacturerOrders;

/// <summary>One order row of a brand's file: the request it makes, or why it cannot be one.</summary>
public sealed record OrderRow(int Row, ManufacturerOrderRequest? Request, IReadOnlyList<Text> Errors);

/// <summary>
/// Reads a brand's order file with its mapping, with the statement readers' cell rules (NFKC text, header keys, dates,
/// totals rows): the header row is the first holding every mapped header (or the pinned one), and a header that is
/// neither mapped nor ignored refuses the whole file — the portal changed its layout and nobody should guess. Pure.
/// </summary>
public sealed class OrderSheet(OrderMapping mapping, Guid manufacturerId)
{
    private static readonly CultureInfo[] Languages = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")];
    private static readonly char[] PhoneSeparators = ['/', ',', ';', '，', '、'];

    /// <summary>The file's own problem (no header, an unknown column), which refuses it whole; null when it can be read.</summary>
    public Text? FileProblem { get; private set; }

    public List<OrderRow> Read(IEnumerable<SheetRow> rows, int maxRows)
    {
        var wanted = mapping.Columns!.Named().ToList();
        var known = wanted.Select(w => StatementCells.HeaderKey(w.Header)).Concat(mapping.IgnoredColumns.Select(StatementCells.HeaderKey)).ToHashSet();
        Dictionary<string, int>? at = null;
        var result = new List<OrderRow>();
        foreach (var row in rows)
        {
            var texts = row.Cells.Select(StatementCells.Text).ToArray();
            if (at is null)
            {
                if (mapping.HeaderRow is { } pinned && row.Number != pinned) continue;
                at = HeaderAt(texts, wanted);
                if (at is null)
                {
                    if (mapping.HeaderRow is not null || row.Number >= StatementTable.HeaderSearchRows) break;
                    continue;
                }
                var unknown = texts.Select((t, i) => (t, i)).FirstOrDefault(x => x.t is not null && !known.Contains(StatementCells.HeaderKey(x.t)));
                if (unknown.t is not null)
                {
                    FileProblem = Codes.Brand.UnknownColumn.With(unknown.t, StatementCells.Letters(unknown.i) + row.Number);
                    return [];
                }
                continue;
            }
            if (StatementCells.TotalsOf(texts.FirstOrDefault(t => t is not null)) != StatementCells.Totals.None) break;
            if (texts.All(t => t is null)) continue;
            if (result.Count == maxRows)
            {
                FileProblem = Codes.Brand.TooManyRows.With(maxRows);
                return [];
            }
            result.Add(Order(row, texts, at));
        }
        if (at is null) FileProblem = Codes.Brand.HeaderNotFound.With(wanted.Select(w => w.Header).ToList());
        return result;
    }

    private static Dictionary<string, int>? HeaderAt(string?[] texts, List<(string Field, string Header)> wanted)
    {
        var byKey = new Dictionary<string, int>();
        for (var i = 0; i < texts.Length; i++)
            if (texts[i] is { } t) byKey.TryAdd(StatementCells.HeaderKey(t), i);
        var at = new Dictionary<string, int>();
        foreach (var (field, header) in wanted)
        {
            if (!byKey.TryGetValue(StatementCells.HeaderKey(header), out var index)) return null;
            at[field] = index;
        }
        return at;
    }

    private OrderRow Order(SheetRow row, string?[] texts, Dictionary<string, int> at)
    {
        var errors = new List<Text>();
        var headers = mapping.Columns!.Named().ToDictionary(n => n.Field, n => n.Header);
        string? Cell(string field, int max, bool required = false)
        {
            var text = at.TryGetValue(field, out var i) && i < texts.Length ? texts[i] : null;
            if (text is null && required) errors.Add(Codes.Brand.Missing.With(headers[field]));
            if (text is { Length: var n } && n > max) errors.Add(Codes.Brand.TooLong.With(headers[field], max));
            return text;
        }
        var number = Cell("externalNumber", 64, required: true);
        var name = Cell("customerName", 200, required: true);
        var phones = Cell("phone", 100, required: true)?.Split(PhoneSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var (district, street) = (Cell("district", 100), Cell("street", 400));
        var categoryText = Cell("category", 50, required: true);
        var category = Word<ApplianceCategory>(categoryText, "category");
        if (categoryText is not null && category is null) errors.Add(Codes.Brand.Category.With(categoryText));
        var model = Cell("model", 100, required: true);
        var serial = Cell("serialNumber", 100);
        DateOnly? purchased = null;
        if (at.TryGetValue("purchaseDate", out var dateAt) && Cell("purchaseDate", 50) is { } dateText)
        {
            if (StatementCells.TryDate(row.Cells[dateAt], out var day)) purchased = day;
            else errors.Add(Codes.Brand.Date.With(headers["purchaseDate"], dateText));
        }
        var typeText = Cell("type", 50);
        var type = typeText is null ? WorkOrderType.Repair : Word<WorkOrderType>(typeText, "type");
        if (type is null) errors.Add(Codes.Brand.Type.With(typeText));
        var fault = Cell("faultDescription", 2000, required: true);
        if (errors.Count > 0) return new OrderRow(row.Number, null, errors);
        var address = district is not null && street is not null ? new AddressInput(district, street, null, null) : null;
        return new OrderRow(row.Number, new ManufacturerOrderRequest(manufacturerId, number!, null, new BrandCustomer(name!, phones!, address),
            new BrandAppliance(category, model!, serial, purchased), type, fault!, null), []);
    }

    /// <summary>An enum value from its name or its word in Chinese or English ("空调", "Air conditioner").</summary>
    private static T? Word<T>(string? text, string prefix) where T : struct, Enum
    {
        if (text is null) return null;
        if (Enum.TryParse<T>(text, ignoreCase: true, out var named) && Enum.IsDefined(named)) return named;
        var key = StatementCells.HeaderKey(text);
        foreach (var value in Enum.GetValues<T>())
            if (Languages.Any(l => Text.Template($"{prefix}.{value}", l) is { } word && StatementCells.HeaderKey(word) == key)) return value;
        return null;
    }
}
