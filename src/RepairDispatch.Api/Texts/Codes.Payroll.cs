namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>Technicians' pay (计件提成): the reasons of pay lines, their kinds as words, the export's columns and refusals.</summary>
    public static class Payroll
    {
        public static readonly Code Job = new("payroll.line.job", "number", "type", "category");
        public static readonly Code InstallationJob = new("payroll.line.installation", "number", "category", "units", "rate");
        public static readonly Code LeadShare = new("payroll.line.lead-share", "number", "type", "category", "share");
        public static readonly Code HelperShare = new("payroll.line.helper-share", "number", "type", "category", "share");
        public static readonly Code NoRate = new("payroll.line.no-rate", "number", "type", "category");
        public static readonly Code FiveStar = new("payroll.line.five-star", "number");
        public static readonly Code OnTime = new("payroll.line.on-time", "number");
        public static readonly Code Rework = new("payroll.line.rework", "number", "rework");
        public static readonly Code Complaint = new("payroll.line.complaint", "number");
        public static readonly Code ComplaintNoOrder = new("payroll.line.complaint-no-order", "day");
        public static readonly Code OldPartLate = new("payroll.line.old-part-late", "number", "tag", "due");
        public static readonly Code Adjustment = new("payroll.line.adjustment", "period", "kind");

        /// <summary>The line codes as words (`payroll.code.Job`), for the export and the adjustments' texts.</summary>
        public static Text Kind(string lineCode) => Text.Of("payroll.code." + lineCode);

        public static readonly Code ExportTechnician = new("payroll.export.technician");
        public static readonly Code ExportWorkOrder = new("payroll.export.work-order");
        public static readonly Code ExportKind = new("payroll.export.kind");
        public static readonly Code ExportReason = new("payroll.export.reason");
        public static readonly Code ExportAmount = new("payroll.export.amount");
        public static readonly Code ExportSubtotal = new("payroll.export.subtotal");
        public static readonly Code ExportTotal = new("payroll.export.total");
        public static readonly Code ExportPeriod = new("payroll.export.period");
        public static readonly Code ExportStore = new("payroll.export.store");

        public static readonly Code NotLater = new("payroll.valid-from-not-later", "latest");
        public static readonly Code DuplicateRate = new("payroll.duplicate-rate");
        public static readonly Code UnknownBonus = new("payroll.unknown-bonus", "codes");
        public static readonly Code UnknownDeduction = new("payroll.unknown-deduction", "codes");
        public static readonly Code CodeTwice = new("payroll.code-twice");
        public static readonly Code NoRates = new("payroll.no-rates");
        public static readonly Code WholeFen = new("payroll.whole-fen");
        public static readonly Code HeadquartersOnly = new("payroll.headquarters-only");
        public static readonly Code BadPeriod = new("payroll.bad-period");
        public static readonly Code PeriodNotBegun = new("payroll.period-not-begun");
        public static readonly Code Frozen = new("payroll.frozen", "period");
        public static readonly Code NotCalculated = new("payroll.not-calculated", "period", "store");
        public static readonly Code HelperIsLead = new("payroll.helper-is-lead");
        public static readonly Code HelperOtherStore = new("payroll.helper-other-store");
        public static readonly Code NoLead = new("payroll.no-lead");
        public static readonly Code OrderCancelled = new("payroll.order-cancelled");
        public static readonly Code NoSuchTechnician = new("payroll.no-such-technician");
        public static readonly Code RuleThing = new("thing.payroll-rule");
    }
}
