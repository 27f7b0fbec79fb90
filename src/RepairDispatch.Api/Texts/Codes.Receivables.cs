namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>Manufacturers' payments and the receivables report.</summary>
    public static class Receivable
    {
        public static readonly Code PaymentThing = new("thing.payment");
        public static readonly Code AmountPositive = new("payment.amount-positive");
        public static readonly Code StatementsRequired = new("payment.statements-required", "max");
        public static readonly Code NoSuchStatement = new("payment.no-such-statement", "statementId");
        public static readonly Code OtherManufacturersStatement = new("payment.other-manufacturers-statement", "statementId");
        public static readonly Code MoreThanOwed = new("payment.more-than-owed", "owed");
        public static readonly Code ReferenceTaken = new("payment.reference-taken", "paymentId");
        public static readonly Code AsOfRequired = new("receivables.as-of-required");
    }
}
