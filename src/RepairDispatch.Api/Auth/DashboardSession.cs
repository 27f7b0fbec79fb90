using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace RepairDispatch.Api.Auth;

/// <summary>
/// The job dashboard (/hangfire) is a browser page: a browser cannot send a bearer token when it opens a link, so an
/// admin or manager exchanges their token for a short, HttpOnly, SameSite=Strict cookie that only the dashboard accepts.
/// </summary>
public static class DashboardSession
{
    public const string Scheme = "Dashboard";
    public const string Policy = "dashboard";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public static AuthenticationBuilder AddDashboardCookie(this AuthenticationBuilder auth) => auth.AddCookie(Scheme, o =>
    {
        o.Cookie.Name = "rd_dashboard";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.Path = "/hangfire";
        o.ExpireTimeSpan = Lifetime;
        o.SlidingExpiration = false;
        // An API answers 401/403; it never redirects to a login page.
        o.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
        o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
    });

    /// <summary>Admins and managers, by bearer token or by the dashboard cookie.</summary>
    public static void AddPolicy(Microsoft.AspNetCore.Authorization.AuthorizationBuilder auth) =>
        auth.AddPolicy(Policy, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, Scheme).RequireRole(Roles.Admin, Roles.Manager));

    /// <summary>POST /api/v1/auth/dashboard-session: sets the cookie for the caller (bearer token, admin or manager).</summary>
    public static async Task<IResult> Start(HttpContext http)
    {
        var identity = (ClaimsIdentity)http.User.Identity!;
        var cookie = new ClaimsIdentity(http.User.Claims.Select(c => new Claim(c.Type, c.Value)), Scheme, identity.NameClaimType, identity.RoleClaimType);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(cookie), new AuthenticationProperties { IsPersistent = false });
        return TypedResults.NoContent();
    }

    public static async Task<IResult> End(HttpContext http)
    {
        await http.SignOutAsync(Scheme);
        return TypedResults.NoContent();
    }
}
