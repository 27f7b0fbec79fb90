namespace RepairDispatch.Api.Texts;

public static partial class Codes
{
    /// <summary>What keeps a claim from being ready (stored with the claim as code + arguments, rendered on read).</summary>
    public static class ClaimBlocker
    {
        public static readonly Code CallbackPending = new("claim-blocker.callback-pending", "dueOn");
        public static readonly Code CallbackFailed = new("claim-blocker.callback-failed", "status");
        public static readonly Code CallbackNone = new("claim-blocker.callback-none");
        public static readonly Code EvidenceMissing = new("claim-blocker.evidence-missing", "kinds");
        public static readonly Code OldPartNotReturned = new("claim-blocker.old-part-not-returned", "tags");
        public static readonly Code OldPartLost = new("claim-blocker.old-part-lost", "tags");
    }

    public static class ClaimRefusal
    {
        public static readonly Code EachTypeOnce = new("claim-refusal.each-type-once");
        public static readonly Code EachKindOnce = new("claim-refusal.each-kind-once");
        public static readonly Code ReturnWithinDaysRequired = new("claim-refusal.return-within-days-required");
        public static readonly Code ReturnWithinDaysOnlyWhenRequired = new("claim-refusal.return-within-days-only-when-required");
        public static readonly Code PhotosLocked = new("claim-refusal.photos-locked");
        public static readonly Code NotExpired = new("claim-refusal.not-expired", "state");
        public static readonly Code Claim = new("thing.claim");
    }
}
