namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>The stock ledger and parts requests (备件申领).</summary>
    public static class Stock
    {
        public static readonly Code LocationOrPartRequired = new("stock.location-or-part-required");
        public static readonly Code NoSuchLocation = new("stock.no-such-location");
        public static readonly Code NotEnough = new("stock.not-enough", "part", "onHand", "qty", "field");
        public static readonly Code QtyDeltaZero = new("stock.qty-delta-zero");
        public static readonly Code ReasonRequired = new("stock.reason-required");
        public static readonly Code VanDoesNotShip = new("stock.van-does-not-ship");
        public static readonly Code SameLocation = new("stock.same-location");
        public static readonly Code OwnVanOnly = new("stock.own-van-only");
        public static readonly Code NotYourLocation = new("stock.not-your-location");
        public static readonly Code MayNotRequest = new("stock.may-not-request");
        public static readonly Code WrongStatus = new("stock.request-wrong-status", "status", "action");
        public static readonly Code ExpectedInPast = new("stock.expected-in-past");

        public static readonly Code Approve = new("parts-request-action.approve");
        public static readonly Code Reject = new("parts-request-action.reject");
        public static readonly Code Ship = new("parts-request-action.ship");
        public static readonly Code Receive = new("parts-request-action.receive");

        public static readonly Code LocationThing = new("thing.stock-location");
        public static readonly Code RequestThing = new("thing.parts-request");
    }
}
