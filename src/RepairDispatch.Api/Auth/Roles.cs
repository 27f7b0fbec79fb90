namespace RepairDispatch.Api.Auth;

/// <summary>The five roles of domain.md and the policies built from them, so every route names who may call it.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string FrontDesk = "frontdesk";
    public const string Technician = "technician";
    public const string Finance = "finance";

    public static readonly string[] All = [Admin, Manager, FrontDesk, Technician, Finance];

    /// <summary>Users of these roles may belong to no store: headquarters staff who see every store.</summary>
    public static bool MayBeHeadquarters(string role) => role is Admin or Manager or Finance;
}

public static class Policies
{
    public const string Admin = "admin-only";
    public const string Staff = "staff";                // everyone but technicians
    public const string Intake = "intake";              // front desk work: customers, tickets
    public const string Dispatch = "dispatch";          // assign, unassign, master data of the station
    public const string TechnicianOnly = "technician-only";
    public const string Finance = "finance";            // settlements: finance, managers, IT

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder auth) => auth
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(Staff, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.FrontDesk, Roles.Finance))
        .AddPolicy(Intake, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.FrontDesk))
        .AddPolicy(Dispatch, p => p.RequireRole(Roles.Admin, Roles.Manager))
        .AddPolicy(TechnicianOnly, p => p.RequireRole(Roles.Technician))
        .AddPolicy(Finance, p => p.RequireRole(Roles.Admin, Roles.Manager, Roles.Finance));
}
