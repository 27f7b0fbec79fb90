namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>A chain of stores: districts, routing, transfers, technician loans.</summary>
    public static class Chain
    {
        public static readonly Code DistrictName = new("chain.district-name");
        public static readonly Code UnknownLanguage = new("chain.unknown-language", "languages");
        public static readonly Code DistrictTaken = new("chain.district-taken", "district", "store");
        public static readonly Code WarehouseTakesNoOrders = new("chain.warehouse-takes-no-orders", "store");
        public static readonly Code Routed = new("chain.routed", "district", "store", "intake");
        public static readonly Code TransferTooLate = new("chain.transfer-too-late", "status");
        public static readonly Code TransferSameStore = new("chain.transfer-same-store");
        public static readonly Code Transferred = new("chain.transferred", "from", "to", "number", "reason");
        public static readonly Code LoanThing = new("thing.loan");
        public static readonly Code LoanToBeforeFrom = new("chain.loan-to-before-from");
        public static readonly Code LoanToOwnStore = new("chain.loan-to-own-store");
        public static readonly Code LoanInThePast = new("chain.loan-in-the-past");
        public static readonly Code LoanOverlap = new("chain.loan-overlap", "loanId");
        public static readonly Code LoanOver = new("chain.loan-over");
        public static readonly Code LoanHasJobs = new("chain.loan-has-jobs", "number");
    }
}
