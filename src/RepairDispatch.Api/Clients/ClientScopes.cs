using Microsoft.AspNetCore.Authorization;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Clients;

/// <summary>
/// What a machine client may do. A client token carries the role <see cref="Role"/> (no human role) and one `scope`
/// claim per scope, so every staff policy refuses it with 403 and a route for machines names the scope it needs.
/// </summary>
public static class ClientScopes
{
    public const string Role = "client";
    public const string Claim = "scope";
    public const string VersionClaim = "client_ver";

    public const string SalesWrite = "sales:write";
    public const string ManufacturerOrdersWrite = "manufacturer-orders:write";

    public static readonly string[] All = [SalesWrite, ManufacturerOrdersWrite];

    /// <summary>The policy name of a route that a client holding the scope may call.</summary>
    public static string Policy(string scope) => "scope:" + scope;

    public static void AddPolicies(AuthorizationBuilder auth)
    {
        foreach (var scope in All)
            auth.AddPolicy(Policy(scope), p => p.RequireRole(Role).RequireClaim(Claim, scope));
        // A route that only asks for a signed-in caller means a person: a client token there is a 403.
        auth.SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build());
    }
}
