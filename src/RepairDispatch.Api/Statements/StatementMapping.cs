using System.ComponentModel.DataAnnotations;

namespace RepairDispatch.Api.Statements;

/// <summary>A manufacturer's words for why it rejected or cut a claim, recognised by a mapping rule.</summary>
public enum RejectionReason { MissingEvidence, PurchaseDateMismatch, InvalidSerial, LateSubmission, PartNotReturned, DuplicateClaim, WrongRepairLevel, Other }

/// <summary>The manufacturer's own header texts for each column we read; null = the column is not in its files.</summary>
public sealed record StatementColumns(
    [property: MaxLength(100)] string? WorkOrderNumber,
    [property: MaxLength(100)] string? ManufacturerOrderNumber,
    [property: MaxLength(100)] string? SerialNumber,
    [property: MaxLength(100)] string? CompletedOn,
    [property: MaxLength(100)] string? ClaimedAmount,
    [property: Required, MaxLength(100)] string? ApprovedAmount,
    [property: MaxLength(100)] string? Deduction,
    [property: MaxLength(100)] string? DeductionReason,
    [property: MaxLength(100)] string? Status)
{
    /// <summary>The mapped fields by their API names, in the order a preview shows them.</summary>
    public IEnumerable<(string Field, string Header)> Named()
    {
        (string, string?)[] all =
        [
            ("workOrderNumber", WorkOrderNumber), ("manufacturerOrderNumber", ManufacturerOrderNumber), ("serialNumber", SerialNumber),
            ("completedOn", CompletedOn), ("claimedAmount", ClaimedAmount), ("approvedAmount", ApprovedAmount), ("deduction", Deduction),
            ("deductionReason", DeductionReason), ("status", Status),
        ];
        return all.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => (p.Item1, p.Item2!.Trim()));
    }
}

/// <param name="Contains">Words of the manufacturer's reason text (compared after NFKC, case-insensitive).</param>
public sealed record ReasonRule([property: Required, MaxLength(100)] string? Contains, [property: Required] RejectionReason? Reason);

/// <summary>
/// PUT body. <paramref name="HeaderRow"/> (1-based) pins the header row; without it the first row holding every
/// mapped header text is taken, below any title and note rows. A line is rejected when its status cell contains one of
/// <paramref name="RejectedWords"/> (default 驳回, 拒绝, 不通过, 未通过, rejected).
/// </summary>
public sealed record StatementMappingBody(
    [property: MaxLength(100)] string? Sheet,
    [property: Range(1, 1000)] int? HeaderRow,
    [property: Required] StatementColumns? Columns,
    [property: MaxLength(20)] List<string>? RejectedWords,
    [property: MaxLength(50)] List<ReasonRule>? Reasons);

public sealed record StatementMappingResponse(Guid ManufacturerId, string? Sheet, int? HeaderRow, StatementColumns Columns,
    IReadOnlyList<string> RejectedWords, IReadOnlyList<ReasonRule> Reasons, long Version);

/// <summary>A mapping as the readers use it.</summary>
public sealed record StatementMapping(string? Sheet, int? HeaderRow, StatementColumns Columns, IReadOnlyList<string> RejectedWords, IReadOnlyList<ReasonRule> Reasons)
{
    public static readonly IReadOnlyList<string> DefaultRejectedWords = ["驳回", "拒绝", "不通过", "未通过", "rejected"];

    private string[]? _rejectedKeys;

    public bool IsRejected(string? status)
    {
        if (status is null) return false;
        var key = StatementCells.HeaderKey(status);
        _rejectedKeys ??= [.. RejectedWords.Select(StatementCells.HeaderKey)];
        return _rejectedKeys.Any(w => key.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>The first rule whose words the reason contains; null when none does.</summary>
    public RejectionReason? ReasonOf(string? reason) =>
        reason is null ? null : Reasons.FirstOrDefault(r => StatementCells.HeaderKey(reason).Contains(StatementCells.HeaderKey(r.Contains), StringComparison.Ordinal))?.Reason;
}
