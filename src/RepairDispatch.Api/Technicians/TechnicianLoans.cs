using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Technicians;

/// <param name="From">The first day of the loan, a local day (yyyy-MM-dd).</param>
/// <param name="To">The last day of the loan, included.</param>
public sealed record LoanRequest([property: Required] Guid? ToStoreId, [property: Required] DateOnly? From, [property: Required] DateOnly? To);

public enum LoanState { Active, Cancelled }

/// <param name="To">The last day he works for the borrowing store; ending a running loan moves it to yesterday.</param>
public sealed record LoanView(Guid Id, Guid TechnicianId, Guid FromStoreId, Guid ToStoreId, DateOnly From, DateOnly To, LoanState State,
    DateTimeOffset CreatedAt, DateTimeOffset? EndedAt);

/// <summary>
/// Lending a technician to another store for a range of days: on those days he is in the borrowing store's roster
/// (candidates, auto-dispatch, day plans, assignment) and not in his own. Days are store-local days.
/// </summary>
public static class TechnicianLoans
{
    private const string TechnicianSql = "SELECT t.store_id FROM technicians t WHERE t.id = @Id";
    // Two loans of one technician made at once must not both pass the overlap check: SQLite's writer lock already
    // serialises them; SQL Server locks the technician's row until the transaction ends.
    private static readonly DialectSql LockSql = new(
        Sqlite: "SELECT COUNT(*) FROM technicians WHERE id = @Id",
        SqlServer: "SELECT COUNT(*) FROM technicians WITH (UPDLOCK, HOLDLOCK) WHERE id = @Id");
    private const string TargetSql = "SELECT kind, code FROM stores WHERE id = @Id";
    private const string OverlapSql = """
        SELECT id FROM technician_loans
        WHERE technician_id = @TechnicianId AND state = 'Active' AND from_day <= @To AND to_day >= @From AND id <> @Id
        """;
    // His own store's booked visits on the loan days (or a job he is on now, when the loan starts today) would lose
    // their technician: the manager reassigns them first.
    private const string BookedSql = """
        SELECT number FROM work_orders
        WHERE technician_id = @TechnicianId AND status IN ('Assigned','Accepted','EnRoute','OnSite','AwaitingParts')
          AND ((appointment_from >= @Start AND appointment_from < @End) OR (@StartsToday = 1 AND status IN ('EnRoute','OnSite')))
        ORDER BY number
        """;
    private const string InsertSql = """
        INSERT INTO technician_loans (id, technician_id, to_store_id, from_day, to_day, created_by_user_id, created_at, state)
        VALUES (@Id, @TechnicianId, @ToStoreId, @From, @To, @UserId, @Now, 'Active')
        """;
    private const string Columns = """
        SELECT l.id, l.technician_id, t.store_id AS from_store_id, l.to_store_id, l.from_day, l.to_day, l.state, l.created_at, l.ended_at
        FROM technician_loans l JOIN technicians t ON t.id = l.technician_id
        """;
    private const string ListSql = Columns + " WHERE l.technician_id = @Id ORDER BY l.from_day, l.id";
    private const string GetSql = Columns + " WHERE l.id = @LoanId AND l.technician_id = @Id";
    private const string EndSql = """
        UPDATE technician_loans SET to_day = @To, state = @State, ended_at = @Now, ended_by_user_id = @UserId
        WHERE id = @LoanId AND state = 'Active'
        """;
    private const string StoreOnSql = """
        SELECT to_store_id FROM technician_loans WHERE technician_id = @TechnicianId AND state = 'Active' AND from_day <= @Day AND to_day >= @Day
        """;

    public static async Task<IResult> Create(Guid id, LoanRequest request, HttpContext http, Db db, StoreClock clock)
    {
        var me = http.Me();
        if (request.From > request.To) return Problems.Validation("to", Codes.Chain.LoanToBeforeFrom);
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await HomeStoreAsync(c, tx, id, me) is not { } home) return Problems.NotFound(Codes.Thing.Technician);
            await c.ExecuteScalarAsync<long>(db.Sql(LockSql), new { Id = id }, tx);
            var target = await c.QuerySingleOrDefaultAsync<Target>(TargetSql, new { Id = request.ToStoreId }, tx);
            if (target is null) return Problems.Validation("toStoreId", Codes.Refusal.NoSuchStore);
            if (request.ToStoreId == home) return Problems.Validation("toStoreId", Codes.Chain.LoanToOwnStore);
            if (target.Kind == nameof(StoreKind.Warehouse)) return Problems.Validation("toStoreId", Codes.Chain.WarehouseTakesNoOrders.With(target.Code));
            var zone = await StoreClock.OfStoreAsync(c, tx, home);
            var (from, to) = (request.From!.Value, request.To!.Value);
            if (from < clock.Today(zone)) return Problems.Validation("from", Codes.Chain.LoanInThePast);
            var booked = await c.QueryFirstOrDefaultAsync<string>(BookedSql, new
            {
                TechnicianId = id, Start = zone.At(from, TimeOnly.MinValue), End = zone.At(to.AddDays(1), TimeOnly.MinValue),
                StartsToday = from == clock.Today(zone),
            }, tx);
            if (booked is not null) return Problems.Conflict("loan-has-jobs", Codes.Chain.LoanHasJobs.With(booked));
            if (await c.QueryFirstOrDefaultAsync<Guid?>(OverlapSql, new { TechnicianId = id, request.From, request.To, Id = Guid.Empty }, tx) is { } other)
                return Problems.Conflict("loan-overlap", Codes.Chain.LoanOverlap.With(other), new Dictionary<string, object?> { ["loanId"] = other });
            var loanId = Guid.CreateVersion7();
            await c.ExecuteAsync(InsertSql, new { Id = loanId, TechnicianId = id, request.ToStoreId, request.From, request.To, UserId = me.Id, clock.Now }, tx);
            var view = (await c.QuerySingleAsync<Row>(GetSql, new { LoanId = loanId, Id = id }, tx)).View();
            return TypedResults.Created($"/api/v1/technicians/{id}/loans/{loanId}", view);
        });
    }

    public static async Task<Results<Ok<Page<LoanView>>, ProblemHttpResult>> List(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        if (await HomeStoreAsync(c, null, id, http.Me()) is null) return Problems.NotFound(Codes.Thing.Technician);
        var rows = await c.QueryAsync<Row>(ListSql, new { Id = id });
        return TypedResults.Ok(new Page<LoanView>(rows.Select(r => r.View()).ToList(), null));
    }

    /// <summary>Ends a loan: one that has not started is cancelled; a running one ends yesterday (he is home from today).</summary>
    public static async Task<IResult> End(Guid id, Guid loanId, HttpContext http, Db db, StoreClock clock)
    {
        var me = http.Me();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await HomeStoreAsync(c, tx, id, me) is not { } home) return Problems.NotFound(Codes.Thing.Technician);
            var loan = await c.QuerySingleOrDefaultAsync<Row>(GetSql, new { LoanId = loanId, Id = id }, tx);
            if (loan is null) return Problems.NotFound(Codes.Chain.LoanThing);
            var today = clock.Today(await StoreClock.OfStoreAsync(c, tx, home));
            if (loan.State != nameof(LoanState.Active) || loan.ToDay < today)
                return Problems.Conflict("loan-over", Codes.Chain.LoanOver);
            var started = loan.FromDay < today;
            await c.ExecuteAsync(EndSql, new
            {
                LoanId = loanId, To = started ? today.AddDays(-1) : loan.ToDay,
                State = (started ? LoanState.Active : LoanState.Cancelled).ToString(), clock.Now, UserId = me.Id,
            }, tx);
            return TypedResults.Ok((await c.QuerySingleAsync<Row>(GetSql, new { LoanId = loanId, Id = id }, tx)).View());
        });
    }

    /// <summary>The store a technician works for on a day: the borrowing store during a loan, else his own.</summary>
    public static async Task<Guid> StoreOnAsync(DbConnection c, DbTransaction? tx, Guid technicianId, Guid homeStoreId, DateOnly day) =>
        await c.QueryFirstOrDefaultAsync<Guid?>(StoreOnSql, new { TechnicianId = technicianId, Day = day }, tx) ?? homeStoreId;

    private static async Task<Guid?> HomeStoreAsync(DbConnection c, DbTransaction? tx, Guid technicianId, CurrentUser me) =>
        await c.QuerySingleOrDefaultAsync<Guid?>(TechnicianSql, new { Id = technicianId }, tx) is { } home && me.SeesStore(home) ? home : null;

    private sealed class Target
    {
        public string Kind { get; init; } = "";
        public string Code { get; init; } = "";
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid TechnicianId { get; init; }
        public Guid FromStoreId { get; init; }
        public Guid ToStoreId { get; init; }
        public DateOnly FromDay { get; init; }
        public DateOnly ToDay { get; init; }
        public string State { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? EndedAt { get; init; }
        public LoanView View() => new(Id, TechnicianId, FromStoreId, ToStoreId, FromDay, ToDay, Enum.Parse<LoanState>(State), CreatedAt, EndedAt);
    }
}
