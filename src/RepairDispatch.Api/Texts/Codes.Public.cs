namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>The customer's page and the appliance's sticker (issue 19).</summary>
    public static class Public
    {
        /// <summary>The order events the customer's own steps write (`event.{kind}`).</summary>
        public static readonly IReadOnlyList<string> EventKinds = ["Rescheduled", "Rated"];

        public static readonly Code Link = new("thing.link");
        public static readonly Code OrderCancelled = new("public.order-cancelled");
        public static readonly Code TooLateToReschedule = new("public.too-late-to-reschedule", "status");
        public static readonly Code NotAnOfferedWindow = new("public.not-an-offered-window");
        public static readonly Code TooLateToCancel = new("public.too-late-to-cancel", "status");
        public static readonly Code CancelThroughBrand = new("public.cancel-through-brand");
        public static readonly Code AlreadyRated = new("public.already-rated");
        public static readonly Code NotDoneYet = new("public.not-done-yet", "status");
        public static readonly Code WrongCode = new("public.wrong-code");
        public static readonly Code Locked = new("public.locked");
        public static readonly Code RescheduledByCustomer = new("public.rescheduled", "window");
        public static readonly Code RatedByCustomer = new("public.rated", "satisfaction");
        public static readonly Code ReportedBySticker = new("public.reported-by-sticker");
        public static readonly Code VerificationCode = new("message.VerificationCode", "code", "minutes");
    }
}
