using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Technicians;

public static class GetTechnician
{
    /// <summary>Technicians see only their own record, store-bound staff only their store's: anything else is 404.</summary>
    public static async Task<Results<Ok<TechnicianResponse>, ProblemHttpResult>> Handle(Guid id, HttpContext http, Db db)
    {
        var me = http.Me();
        if (me.IsTechnician && me.TechnicianId != id) return Problems.NotFound(Codes.Thing.Technician);
        await using var c = await db.OpenAsync();
        var technician = await TechnicianReads.ByIdAsync(c, null, id);
        return technician is null || !me.SeesStore(technician.StoreId) ? Problems.NotFound(Codes.Thing.Technician) : TypedResults.Ok(technician);
    }
}
