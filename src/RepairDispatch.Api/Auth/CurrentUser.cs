using System.Security.Claims;

namespace RepairDispatch.Api.Auth;

/// <summary>Who is calling, read from the validated access token.</summary>
public sealed record CurrentUser(Guid Id, string Username, string Role, Guid? StoreId, Guid? TechnicianId)
{
    public const string StoreClaim = "store";
    public const string TechnicianClaim = "tech";

    public bool IsTechnician => Role == Roles.Technician;

    /// <summary>Headquarters users (no store) see every store; everyone else sees their own store.</summary>
    public bool SeesStore(Guid storeId) => StoreId is null || StoreId == storeId;

    public static CurrentUser From(ClaimsPrincipal principal)
    {
        Guid? Optional(string type) => Guid.TryParse(principal.FindFirstValue(type), out var g) ? g : null;
        return new CurrentUser(
            Guid.Parse(principal.FindFirstValue("sub") ?? throw new InvalidOperationException("No sub claim")),
            principal.FindFirstValue("name") ?? "",
            principal.FindFirstValue("role") ?? "",
            Optional(StoreClaim),
            Optional(TechnicianClaim));
    }
}

public static class CurrentUserBinding
{
    public static CurrentUser Me(this HttpContext http) => CurrentUser.From(http.User);
}
