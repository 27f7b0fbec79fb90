namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>Accepting a statement and resubmitting the claims it rejected.</summary>
    public static class Acceptance
    {
        public static readonly Code AlreadyAccepted = new("statement-accept.already-accepted", "acceptedAt", "acceptedBy");
        public static readonly Code Cut = new("statement-accept.cut", "period", "reason");
        public static readonly Code Rejected = new("statement-accept.rejected", "period", "reason");
        public static readonly Code Resubmitted = new("claim-resubmit.line", "period");
        public static readonly Code NoteRequired = new("claim-resubmit.note-required");
        public static readonly Code NotRejected = new("claim-resubmit.not-rejected");
        public static readonly Code AlreadyPaid = new("claim-resubmit.already-paid", "statementId");
        public static readonly Code NotFixable = new("claim-resubmit.not-fixable", "reason");
        public static readonly Code Pending = new("claim-resubmit.pending", "statementId");
    }
}
