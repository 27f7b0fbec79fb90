using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Settlements;

/// <param name="Description">In the caller's language; <paramref name="DescriptionCode"/> is the same as a code with arguments.</param>
public sealed record SettlementLineView(Guid Id, Guid? WorkOrderId, string? WorkOrderNumber, string Kind, decimal Amount, string Description,
    Text? DescriptionCode, bool Disputed, string? DisputeReason, Guid? AdjustsLineId);

public static class ReadRuns
{
    private const string ListSql = "SELECT " + SettlementRun.Columns + """
         FROM settlement_runs
        WHERE (@Status IS NULL OR status = @Status) AND (@Period IS NULL OR period = @Period)
        ORDER BY period DESC, created_at DESC
        """;
    internal const string LinesSql = """
        SELECT l.id, l.work_order_id, wo.number AS work_order_number, l.kind, l.amount_fen, l.description, l.description_code, l.description_args, l.disputed, l.dispute_reason, l.adjusts_line_id
        FROM settlement_lines l LEFT JOIN work_orders wo ON wo.id = l.work_order_id
        WHERE l.run_id = @Id ORDER BY wo.number, l.created_at, l.id
        """;

    public static async Task<IResult> List(Db db, RunStatus? status, string? period)
    {
        if (period is { Length: > 7 }) return Problems.Validation("period", Codes.Refusal.PeriodFormat);
        await using var c = await db.OpenAsync();
        var runs = await c.QueryAsync<SettlementRun>(ListSql, new { Status = status?.ToString(), Period = period });
        return TypedResults.Ok(new Page<SettlementRunView>(runs.Select(r => r.ToView()).ToList(), null));
    }

    public static async Task<IResult> Get(Guid id, Db db)
    {
        await using var c = await db.OpenAsync();
        return await SettlementRun.LoadAsync(c, null, id) is { } run ? TypedResults.Ok(run.ToView()) : Problems.NotFound(Codes.Thing.SettlementRun);
    }

    public static async Task<IResult> Lines(Guid id, Db db)
    {
        await using var c = await db.OpenAsync();
        if (await SettlementRun.LoadAsync(c, null, id) is null) return Problems.NotFound(Codes.Thing.SettlementRun);
        var lines = (await c.QueryAsync<LineRow>(LinesSql, new { Id = id })).Select(l => l.ToView()).ToList();
        return TypedResults.Ok(new Page<SettlementLineView>(lines, null));
    }

    internal sealed class LineRow
    {
        public Guid Id { get; init; }
        public Guid? WorkOrderId { get; init; }
        public string? WorkOrderNumber { get; init; }
        public string Kind { get; init; } = "";
        public long AmountFen { get; init; }
        public string Description { get; init; } = "";
        public string? DescriptionCode { get; init; }
        public string? DescriptionArgs { get; init; }

        /// <summary>The description in a given language (an export's), else the caller's.</summary>
        public string DescriptionIn(System.Globalization.CultureInfo? culture = null) =>
            Text.StoredOrSaid(DescriptionCode, DescriptionArgs, Description) is { } d ? d.Render(culture ?? System.Globalization.CultureInfo.CurrentUICulture) : "";
        public bool Disputed { get; init; }
        public string? DisputeReason { get; init; }
        public Guid? AdjustsLineId { get; init; }

        public SettlementLineView ToView() => new(Id, WorkOrderId, WorkOrderNumber, Kind, Fen.ToYuan(AmountFen), DescriptionIn(),
            Text.StoredOrSaid(DescriptionCode, DescriptionArgs, Description), Disputed, DisputeReason, AdjustsLineId);
    }
}
