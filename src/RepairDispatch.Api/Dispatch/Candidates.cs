using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Contracts;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Technicians;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Dispatch;

public enum CandidateKind { Technician, InstallerPartner }

/// <param name="Score">0–100: nearer, less loaded, better rated, in the order's district rank higher.</param>
/// <param name="ReasonCodes">The reasons as codes; <see cref="Reasons"/> are the same in the caller's language.</param>
public sealed record Candidate(CandidateKind Kind, Guid Id, string Name, double Score, IReadOnlyList<Text> ReasonCodes,
    double? TravelMinutes, int? JobsThatDay, int? Capacity)
{
    public IReadOnlyList<string> Reasons { get; } = [.. ReasonCodes.Select(r => r.Render())];
}

public sealed record ExcludedCandidate(CandidateKind Kind, Guid Id, string Name, IReadOnlyList<Text> ReasonCodes)
{
    public IReadOnlyList<string> Reasons { get; } = [.. ReasonCodes.Select(r => r.Render())];
}

public sealed record CandidatesResponse(Guid WorkOrderId, IReadOnlyList<Candidate> Candidates, IReadOnlyList<ExcludedCandidate> Excluded);

/// <summary>
/// Who should take an order: hard rules exclude (skill, certification the contract demands, working day and hours,
/// a full day), the rest are scored on travel from their previous visit, their load that day, recent satisfaction
/// and district, with the reasons in words. Urgent or nearly late orders weigh travel more.
/// </summary>
public static class Candidates
{
    internal sealed class OrderFacts
    {
        public Guid Id { get; init; }
        public Guid StoreId { get; init; }
        public string Type { get; init; } = "";
        public string Priority { get; init; } = "";
        public string Category { get; init; } = "";
        public Guid ManufacturerId { get; init; }
        public string Payer { get; init; } = "";
        public Guid? ContractId { get; init; }
        public string? District { get; init; }
        public double? Lat { get; init; }
        public double? Lon { get; init; }
        public DateTimeOffset? AppointmentFrom { get; init; }
        public DateTimeOffset? AppointmentTo { get; init; }
        public DateTimeOffset AssignBy { get; init; }
    }

    private sealed class BookedVisit
    {
        public Guid TechnicianId { get; init; }
        public DateTimeOffset? AppointmentFrom { get; init; }
        public double? Lat { get; init; }
        public double? Lon { get; init; }
    }

    private sealed class Rating
    {
        public Guid TechnicianId { get; init; }
        public double Average { get; init; }
        public long Count { get; init; }
    }

    private sealed class PartnerRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public bool Active { get; init; }
        public long Installs { get; init; }
        public long InDistrict { get; init; }
    }

    internal const string OrderSql = """
        SELECT w.id, w.store_id, w.type, w.priority, a.category, a.manufacturer_id, w.payer, w.contract_id, w.district, w.lat, w.lon,
               w.appointment_from, w.appointment_to, w.assign_by
        FROM work_orders w JOIN appliances a ON a.id = w.appliance_id WHERE w.id = @Id
        """;
    private const string BookedSql = """
        SELECT technician_id, appointment_from, lat, lon FROM work_orders
        WHERE store_id = @StoreId AND technician_id IS NOT NULL AND id <> @OrderId AND status NOT IN ('Cancelled','Closed')
          AND appointment_from >= @DayStart AND appointment_from < @DayEnd
        """;
    private const string RatingsSql = """
        SELECT technician_id, AVG(CAST(customer_rating AS FLOAT)) AS average, COUNT(*) AS count FROM work_orders
        WHERE store_id = @StoreId AND technician_id IS NOT NULL AND customer_rating IS NOT NULL AND completed_at >= @Since
        GROUP BY technician_id
        """;
    private const string PartnersSql = """
        SELECT p.id, p.name, p.active,
               (SELECT COUNT(*) FROM installer_partner_categories k WHERE k.installer_partner_id = p.id AND k.category = @Category) AS installs,
               (SELECT COUNT(*) FROM installer_partner_districts d WHERE d.installer_partner_id = p.id AND d.district = @District) AS in_district
        FROM installer_partners p ORDER BY p.name
        """;

    public static async Task<IResult> Get(Guid workOrderId, HttpContext http, Db db, TimeProvider clock, ITravelTimesProvider travel)
    {
        await using var c = await db.OpenAsync();
        var order = await c.QuerySingleOrDefaultAsync<OrderFacts>(OrderSql, new { Id = workOrderId });
        if (order is null || !http.Me().SeesStore(order.StoreId)) return Problems.NotFound(Codes.Thing.WorkOrder);
        return TypedResults.Ok(await RankAsync(c, null, order, clock.GetUtcNow(), travel));
    }

    internal static async Task<CandidatesResponse> RankAsync(DbConnection c, DbTransaction? tx, OrderFacts order, DateTimeOffset now,
        ITravelTimesProvider travelProvider)
    {
        using var timing = StationMetrics.TimeDispatch("candidates");
        var store = (await Roster.StoreAsync(c, tx, order.StoreId))!;
        var day = store.DayOf(order.AppointmentFrom ?? now);
        var technicians = await Roster.TechniciansAsync(c, tx, order.StoreId, day);
        var calendar = await Calendar.CalendarYears.LoadAsync(c, tx, day.Year, day.Year);
        var booked = (await c.QueryAsync<BookedVisit>(BookedSql, new
        {
            order.StoreId, OrderId = order.Id, DayStart = store.At(day, TimeSpan.Zero), DayEnd = store.At(day.AddDays(1), TimeSpan.Zero),
        }, tx)).ToLookup(b => b.TechnicianId);
        var ratings = (await c.QueryAsync<Rating>(RatingsSql, new { order.StoreId, Since = now.AddDays(-90) }, tx)).ToDictionary(r => r.TechnicianId);
        var certificationNeeded = order.Payer == nameof(Payer.Manufacturer) && order.ContractId is { } contract
            && await ContractLookup.ByIdAsync(c, tx, contract, order.Category) is { CertificationRequired: true };
        var travel = travelProvider.For(store.Travel);
        var site = order.Lat is { } lat && order.Lon is { } lon ? new GeoPoint(lat, lon) : store.Location;
        var urgent = order.Priority == nameof(Priority.Urgent) || order.AssignBy - now < TimeSpan.FromHours(1);

        var candidates = new List<Candidate>();
        var excluded = new List<ExcludedCandidate>();
        foreach (var t in technicians)
        {
            var dayJobs = booked[t.Id].ToList();
            var refusals = Refusals(t, order, store, day, calendar, dayJobs.Count, certificationNeeded);
            if (refusals.Count > 0)
            {
                excluded.Add(new ExcludedCandidate(CandidateKind.Technician, t.Id, t.Name, refusals));
                continue;
            }
            // From the visit booked just before this one that day, else from home (or the store).
            var previous = dayJobs.Where(b => b.Lat is not null && (order.AppointmentFrom is null || b.AppointmentFrom <= order.AppointmentFrom))
                .MaxBy(b => b.AppointmentFrom);
            var from = previous is { Lat: { } pLat, Lon: { } pLon } ? new GeoPoint(pLat, pLon) : t.Home ?? store.Location;
            var minutes = travel.Seconds(from, site) / 60;
            var reasons = new List<Text>
            {
                (previous is null ? Codes.Candidate.TravelFromHome : Codes.Candidate.TravelFromPrevious).With((long)Math.Round(minutes)),
                Codes.Candidate.Load.With(dayJobs.Count, t.DailyCapacity),
            };
            var travelPoints = Math.Max(0, 40 - minutes * (urgent ? 1.5 : 1));
            var loadPoints = 30 * (1 - (double)dayJobs.Count / t.DailyCapacity);
            double ratingPoints = 10;
            if (ratings.TryGetValue(t.Id, out var rating))
            {
                ratingPoints = 20 * (rating.Average - 1) / 4;
                reasons.Add(Codes.Candidate.Satisfaction.With(rating.Average.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), rating.Count));
            }
            else reasons.Add(Codes.Candidate.NoRatings);
            var districtPoints = order.District is { } district && t.Districts.Contains(district) ? 10 : 0;
            if (districtPoints > 0) reasons.Add(Codes.Candidate.WorksIn.With(order.District));
            if (urgent) reasons.Add(Codes.Candidate.Urgent);
            candidates.Add(new Candidate(CandidateKind.Technician, t.Id, t.Name, Math.Round(travelPoints + loadPoints + ratingPoints + districtPoints, 1),
                reasons, Math.Round(minutes, 1), dayJobs.Count, (int)t.DailyCapacity));
        }
        if (order.Type == nameof(WorkOrderType.Installation))
            await AddPartnersAsync(c, tx, order, candidates, excluded);
        return new CandidatesResponse(order.Id, [.. candidates.OrderByDescending(x => x.Score).ThenBy(x => x.Name, StringComparer.Ordinal)], excluded);
    }

    private static List<Text> Refusals(RosterTechnician t, OrderFacts order, StoreDispatch store, DateOnly day, Calendar.WorkingDays calendar, int jobs,
        bool certificationNeeded)
    {
        var refusals = new List<Text>();
        if (!t.Active) refusals.Add(Codes.Excluded.Inactive);
        if (!t.Skills.Contains(order.Category)) refusals.Add(Codes.Excluded.NoSkill.With(Codes.Category(order.Category)));
        if (certificationNeeded && !t.Certifications.Contains(order.ManufacturerId)) refusals.Add(Codes.Excluded.NotCertified);
        if (calendar.IsHoliday(day)) refusals.Add(Codes.Excluded.Holiday.With(Codes.Day(day)));
        else if (!t.WorksOn(day, calendar)) refusals.Add(Codes.Excluded.DayOff.With(Codes.Word(day.DayOfWeek)));
        else if (order.AppointmentFrom is { } from && order.AppointmentTo is { } to
                 && (store.At(day, t.ShiftStart) >= to || store.At(day, t.ShiftEnd) <= from))
            refusals.Add(Codes.Excluded.ShiftMissesWindow.With(t.ShiftFrom, t.ShiftTo));
        if (jobs >= t.DailyCapacity) refusals.Add(Codes.Excluded.DayFull.With(jobs, t.DailyCapacity));
        return refusals;
    }

    private static async Task AddPartnersAsync(DbConnection c, DbTransaction? tx, OrderFacts order, List<Candidate> candidates, List<ExcludedCandidate> excluded)
    {
        foreach (var p in await c.QueryAsync<PartnerRow>(PartnersSql, new { order.Category, order.District }, tx))
        {
            if (!p.Active || p.Installs == 0)
            {
                excluded.Add(new ExcludedCandidate(CandidateKind.InstallerPartner, p.Id, p.Name,
                    [!p.Active ? Codes.Excluded.Inactive : Codes.Excluded.NoInstall.With(Codes.Category(order.Category))]));
                continue;
            }
            var reasons = new List<Text>
            {
                Codes.Candidate.Installs.With(Codes.Category(order.Category)),
                p.InDistrict > 0 ? Codes.Candidate.Covers.With(order.District) : Codes.Candidate.OutsideDistricts,
            };
            candidates.Add(new Candidate(CandidateKind.InstallerPartner, p.Id, p.Name, p.InDistrict > 0 ? 60 : 40, reasons, null, null, null));
        }
    }
}
