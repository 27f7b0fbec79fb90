using System.Data.Common;
using Dapper;

namespace RepairDispatch.Api.Technicians;

/// <summary>What dispatch needs to know before giving a technician an order.</summary>
public sealed record DispatchTechnician(Guid StoreId, bool Active, IReadOnlyList<string> Skills, IReadOnlyList<Guid> Certifications);

/// <summary>Technician facts other capabilities (work-order assignment, dispatch) read inside their own transaction.</summary>
public static class TechnicianSkills
{
    private const string HasSkillSql = "SELECT COUNT(*) FROM technician_skills WHERE technician_id = @TechnicianId AND category = @Category";

    /// <param name="category">An <see cref="Customers.ApplianceCategory"/> name, e.g. "AirConditioner".</param>
    public static async Task<bool> HasSkillAsync(DbConnection c, DbTransaction? tx, Guid technicianId, string category) =>
        await c.ExecuteScalarAsync<long>(HasSkillSql, new { TechnicianId = technicianId, Category = category }, tx) > 0;

    /// <summary>Null when there is no such technician; skills are category names.</summary>
    public static async Task<DispatchTechnician?> GetForDispatchAsync(DbConnection c, DbTransaction? tx, Guid technicianId)
    {
        var technician = await TechnicianReads.ByIdAsync(c, tx, technicianId);
        return technician is null ? null
            : new DispatchTechnician(technician.StoreId, technician.Active, [.. technician.Skills.Select(s => s.ToString())], technician.Certifications);
    }
}
