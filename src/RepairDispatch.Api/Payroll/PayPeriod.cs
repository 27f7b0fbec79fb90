using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Payroll;

public enum PayPeriodStatus { Open, Calculated, Approved }

public sealed record PayLineView(Guid? WorkOrderId, string Code, decimal Amount, string Text, Text TextCode, string? AdjustsPeriod);
public sealed record TechnicianPayView(Guid TechnicianId, string TechnicianCode, string TechnicianName, Guid StoreId, decimal Total, PayLineView[] Lines);
public sealed record StorePayStatus(Guid StoreId, PayPeriodStatus Status);
/// <param name="Status">Of one store's month; for several stores, the least advanced of theirs.</param>
public sealed record PayPeriodView(string Period, PayPeriodStatus Status, StorePayStatus[] Stores, decimal Total, TechnicianPayView[] Technicians);
public sealed record EarningsView(string Period, PayPeriodStatus Status, Guid TechnicianId, decimal Total, PayLineView[] Lines);

/// <summary>
/// A store's month of pay: which stores a caller's request covers (docs/architecture.md's chain scope: a store-bound
/// caller his store only, headquarters every store or the one it names) and reading the stored lines.
/// </summary>
public static class PayPeriod
{
    private const string StoresSql = "SELECT id FROM stores WHERE kind = 'Store' AND (@StoreId IS NULL OR id = @StoreId) ORDER BY code";
    private const string StatusSql = "SELECT status FROM payroll_periods WHERE store_id = @StoreId AND period = @Period";
    private const string LinesSql = """
        SELECT l.technician_id, t.code AS technician_code, t.name AS technician_name, l.store_id, l.work_order_id, l.code,
               l.text_code, l.text_args, l.amount_fen, l.adjusts_period, l.source_id, l.adjusts_code
        FROM payroll_lines l JOIN technicians t ON t.id = l.technician_id
        WHERE l.period = @Period AND l.store_id IN @Stores AND (@TechnicianId IS NULL OR l.technician_id = @TechnicianId)
        ORDER BY t.code, l.technician_id, l.code, l.work_order_id, l.source_id
        """;

    /// <summary>yyyy-MM, a month that has begun in headquarters' zone; else the refusal naming `period`.</summary>
    public static IResult? CheckPeriod(string period, DateOnly today)
    {
        if (!DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) || period.Length != 7)
            return Problems.Validation("period", Codes.Payroll.BadPeriod);
        return first > today ? Problems.Validation("period", Codes.Payroll.PeriodNotBegun) : null;
    }

    public static string Previous(string period) => DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The stores of the request, or the refusal: a store-bound caller naming another store (400 on storeId), an unknown store.</summary>
    public static async Task<(List<Guid> Stores, IResult? Refused)> StoresAsync(DbConnection c, DbTransaction? tx, CurrentUser me, Guid? asked)
    {
        if (Settlements.RunScope.ViewedStore(me, asked, out var store) is { } refused) return ([], refused);
        var stores = (await c.QueryAsync<Guid>(StoresSql, new { StoreId = store }, tx)).ToList();
        return store is not null && stores.Count == 0 ? ([], Problems.Validation("storeId", Codes.Refusal.NoSuchStore)) : (stores, null);
    }

    public static async Task<PayPeriodStatus> StatusAsync(DbConnection c, DbTransaction? tx, Guid store, string period) =>
        await c.ExecuteScalarAsync<string?>(StatusSql, new { StoreId = store, Period = period }, tx) is { } s ? Enum.Parse<PayPeriodStatus>(s) : PayPeriodStatus.Open;

    public static async Task<PayPeriodView> ViewAsync(DbConnection c, DbTransaction? tx, string period, List<Guid> stores)
    {
        var statuses = new List<StorePayStatus>();
        foreach (var s in stores) statuses.Add(new StorePayStatus(s, await StatusAsync(c, tx, s, period)));
        var lines = await LinesAsync(c, tx, period, stores, null);
        var technicians = lines.GroupBy(l => l.TechnicianId).Select(g => new TechnicianPayView(g.Key, g.First().TechnicianCode, g.First().TechnicianName,
            g.First().StoreId, Fen.ToYuan(g.Sum(l => l.AmountFen)), g.Select(l => l.View()).ToArray())).ToArray();
        return new PayPeriodView(period, statuses.Count == 0 ? PayPeriodStatus.Open : statuses.Min(s => s.Status), [.. statuses],
            Fen.ToYuan(lines.Sum(l => l.AmountFen)), technicians);
    }

    /// <summary>
    /// A month's version: a hash of its stores' states and its lines (not their wording, which follows the reader's
    /// language), so an approval under If-Match approves exactly the figures its approver was shown.
    /// </summary>
    public static long Version(PayPeriodView view)
    {
        var text = new StringBuilder(view.Period);
        foreach (var s in view.Stores) text.Append('|').Append(s.StoreId).Append(':').Append(s.Status);
        foreach (var t in view.Technicians)
            foreach (var l in t.Lines)
                text.Append('|').Append(t.TechnicianId).Append(',').Append(l.WorkOrderId).Append(',').Append(l.Code).Append(',')
                    .Append(l.Amount.ToString(CultureInfo.InvariantCulture)).Append(',').Append(l.TextCode.Code).Append(',')
                    .Append(l.TextCode.StoredArgs()).Append(',').Append(l.AdjustsPeriod);
        return BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))) & long.MaxValue;
    }

    public static string ETag(PayPeriodView view) => $"\"{Version(view)}\"";

    /// <summary>The month's view with its ETag.</summary>
    public static WorkOrders.WithETag Answer(PayPeriodView view) => new(ETag(view), TypedResults.Ok(view));

    public static async Task<List<LineRow>> LinesAsync(DbConnection c, DbTransaction? tx, string period, IEnumerable<Guid> stores, Guid? technician) =>
        (await c.QueryAsync<LineRow>(LinesSql, new { Period = period, Stores = Db.IdList(c, stores), TechnicianId = technician }, tx)).ToList();

    public sealed class LineRow
    {
        public Guid TechnicianId { get; init; }
        public string TechnicianCode { get; init; } = "";
        public string TechnicianName { get; init; } = "";
        public Guid StoreId { get; init; }
        public Guid? WorkOrderId { get; init; }
        public string Code { get; init; } = "";
        public string TextCode { get; init; } = "";
        public string? TextArgs { get; init; }
        public long AmountFen { get; init; }
        public string? AdjustsPeriod { get; init; }
        public Guid SourceId { get; init; }
        public string? AdjustsCode { get; init; }

        public Text Text => Text.Stored(TextCode, TextArgs);
        public PayLineView View() => new(WorkOrderId, Code, Fen.ToYuan(AmountFen), Text.Render(), Text, AdjustsPeriod);
        public PayLine Line => new(TechnicianId, WorkOrderId, Code, SourceId, Text, AmountFen, AdjustsPeriod, AdjustsCode);
    }
}
