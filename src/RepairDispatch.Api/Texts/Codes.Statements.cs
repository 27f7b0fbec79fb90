namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>Manufacturers' statements: reading their files, refusing bad ones, naming their rejection reasons.</summary>
    public static class Statement
    {
        public static readonly Code Thing = new("thing.statement");
        public static readonly Code Multipart = new("statement.multipart");
        public static readonly Code OneFile = new("statement.one-file");
        public static readonly Code FileRequired = new("statement.file-required");
        public static readonly Code TooLarge = new("statement.too-large", "megabytes");
        public static readonly Code FieldTooLong = new("statement.field-too-long", "chars");
        public static readonly Code ManufacturerRequired = new("statement.manufacturer-required");
        public static readonly Code Period = new("statement.period");
        public static readonly Code NoMapping = new("statement.no-mapping");
        public static readonly Code NotATable = new("statement.not-a-table");
        public static readonly Code OldExcel = new("statement.old-excel");
        public static readonly Code SheetNotFound = new("statement.sheet-not-found", "sheet", "sheets");
        public static readonly Code HeaderNotFound = new("statement.header-not-found", "headers");
        public static readonly Code HeaderRowMismatch = new("statement.header-row-mismatch", "row", "headers");
        public static readonly Code NoLines = new("statement.no-lines");
        public static readonly Code TooManyLines = new("statement.too-many-lines", "max");
        public static readonly Code MoreProblems = new("statement.more-problems", "count");
        public static readonly Code Amount = new("statement.amount", "row", "column", "cell", "value");
        public static readonly Code AmountMissing = new("statement.amount-missing", "row", "column", "cell");
        public static readonly Code Date = new("statement.date", "row", "column", "cell", "value");
        public static readonly Code NoKey = new("statement.no-key", "row");
        public static readonly Code TooLong = new("statement.too-long", "row", "column", "cell", "max");
        public static readonly Code SameFile = new("statement.same-file", "statementId", "period", "importedAt");

        public static readonly Code MappingKey = new("statement.mapping-key");
        public static readonly Code MappingHeaderTwice = new("statement.mapping-header-twice", "header");
    }

    /// <summary>Why a manufacturer rejected or cut a claim, when a mapping rule recognises its words.</summary>
    public static class Rejection
    {
        public static readonly Code MissingEvidence = new("rejection.missing-evidence");
        public static readonly Code PurchaseDateMismatch = new("rejection.purchase-date-mismatch");
        public static readonly Code InvalidSerial = new("rejection.invalid-serial");
        public static readonly Code LateSubmission = new("rejection.late-submission");
        public static readonly Code PartNotReturned = new("rejection.part-not-returned");
        public static readonly Code DuplicateClaim = new("rejection.duplicate-claim");
        public static readonly Code WrongRepairLevel = new("rejection.wrong-repair-level");
        public static readonly Code Other = new("rejection.other");

        public static Code Of(Statements.RejectionReason reason) => reason switch
        {
            Statements.RejectionReason.MissingEvidence => MissingEvidence,
            Statements.RejectionReason.PurchaseDateMismatch => PurchaseDateMismatch,
            Statements.RejectionReason.InvalidSerial => InvalidSerial,
            Statements.RejectionReason.LateSubmission => LateSubmission,
            Statements.RejectionReason.PartNotReturned => PartNotReturned,
            Statements.RejectionReason.DuplicateClaim => DuplicateClaim,
            Statements.RejectionReason.WrongRepairLevel => WrongRepairLevel,
            _ => Other,
        };
    }
}
