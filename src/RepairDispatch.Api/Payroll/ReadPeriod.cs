using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Payroll;

public static class ReadPeriod
{
    private const string TechnicianStoreSql = "SELECT store_id FROM technicians WHERE id = @Id";

    public static async Task<IResult> Get(string period, Guid? storeId, HttpContext http, Db db, StoreClock clock)
    {
        if (PayPeriod.CheckPeriod(period, clock.HeadquartersToday.AddDays(1)) is { } bad) return bad;
        await using var c = await db.OpenAsync();
        var (stores, refused) = await PayPeriod.StoresAsync(c, null, http.Me(), storeId);
        return refused ?? PayPeriod.Answer(await PayPeriod.ViewAsync(c, null, period, stores));
    }

    /// <summary>The technician's own lines of a month (this month of his store when none is named), never anyone else's.</summary>
    public static async Task<IResult> Earnings(string? period, HttpContext http, Db db, StoreClock clock)
    {
        var me = http.Me();
        if (me.TechnicianId is not { } technician) return Problems.NotFound(Codes.Thing.Technician);
        await using var c = await db.OpenAsync();
        var store = await Dapper.SqlMapper.ExecuteScalarAsync<Guid?>(c, TechnicianStoreSql, new { Id = technician });
        if (store is null) return Problems.NotFound(Codes.Thing.Technician);
        var zone = await StoreClock.OfStoreAsync(c, null, store.Value);
        period ??= zone.MonthOf(clock.Now);
        if (PayPeriod.CheckPeriod(period, clock.Today(zone)) is { } bad) return bad;
        var lines = await PayPeriod.LinesAsync(c, null, period, [store.Value], technician);
        return TypedResults.Ok(new EarningsView(period, await PayPeriod.StatusAsync(c, null, store.Value, period), technician,
            Fen.ToYuan(lines.Sum(l => l.AmountFen)), lines.Select(l => l.View()).ToArray()));
    }
}
