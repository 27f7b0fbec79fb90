using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// The floor the service is compared with: the same single-row read and single-row insert done with Dapper on the
/// same database file, with the service's connection string options (foreign keys, pooling, a connection opened per
/// operation and a BEGIN IMMEDIATE transaction per write), but no HTTP, auth, validation, business rules or JSON.
/// Rows map to plain storage types (text, integer, real), as stored.
/// </summary>
public sealed class Baseline(string connectionString, BenchData data)
{
    // The columns WorkOrder.LoadAsync selects.
    private const string SelectSql = """
        SELECT id, store_id, number, type, source, status, customer_id, appliance_id, district, street, lat, lon, fault_description,
        priority, appointment_from, appointment_to, technician_id, installer_partner_id, in_warranty, warranty_coverage, payer,
        claimable, warranty_reason_code, warranty_reason_args, assign_by, on_site_by, complete_by, sla_paused_at, rework_of_id, intended_duplicate, visits,
        repair_level, failed_part, main_part, labour_minutes, resolution_notes, customer_rating, version, created_by_user_id,
        created_at, updated_at, assigned_at, on_site_at, completed_at, closed_at, cancelled_at
        FROM work_orders WHERE id = @Id
        """;

    // The columns WorkOrder.InsertSql writes.
    private const string InsertSql = """
        INSERT INTO work_orders (id, store_id, number, type, source, status, customer_id, appliance_id, district, street, lat, lon,
            fault_description, priority, appointment_from, appointment_to, in_warranty, warranty_coverage, payer, claimable,
            warranty_reason_code, warranty_reason_args, assign_by, on_site_by, complete_by, rework_of_id, intended_duplicate, visits, version,
            created_by_user_id, created_at, updated_at)
        VALUES (@Id, @StoreId, @Number, @Type, @Source, @Status, @CustomerId, @ApplianceId, @District, @Street, @Lat, @Lon,
            @FaultDescription, @Priority, @AppointmentFrom, @AppointmentTo, @InWarranty, @WarrantyCoverage, @Payer, @Claimable,
            @WarrantyReasonCode, NULL, @AssignBy, @OnSiteBy, @CompleteBy, @ReworkOfId, 1, 0, 1,
            @CreatedByUserId, @CreatedAt, @UpdatedAt)
        """;

    private long _number;

    public async Task<bool> ReadAsync(Random random) =>
        await ReadRowAsync(data.Orders[random.Next(data.Orders.Length)].Id) is not null;

    public async Task<Row?> ReadRowAsync(string id)
    {
        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        return await c.QuerySingleOrDefaultAsync<Row>(SelectSql, new { Id = id });
    }

    /// <summary>One row in its own transaction; intended_duplicate = 1 so any seeded appliance may take it.</summary>
    public async Task<bool> InsertAsync(Random random)
    {
        var order = data.Orders[random.Next(data.Orders.Length)];
        return await InsertRowAsync(order.CustomerId, order.ApplianceId) is not null;
    }

    /// <summary>The new row's id, or null when nothing was inserted.</summary>
    public async Task<string?> InsertRowAsync(string customerId, string applianceId)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7(now).ToString();
        var number = "BENCH-" + Interlocked.Increment(ref _number).ToString("D9", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId;
        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var rows = await c.ExecuteAsync(InsertSql, new
        {
            Id = id, data.StoreId, Number = number, Type = "Repair", Source = "Phone", Status = "New",
            CustomerId = customerId, ApplianceId = applianceId, District = "Pudong", Street = "1 Century Avenue", Lat = (double?)null, Lon = (double?)null,
            FaultDescription = "Drum does not spin", Priority = "Normal", AppointmentFrom = (string?)null, AppointmentTo = (string?)null,
            InWarranty = 0, WarrantyCoverage = "None", Payer = "Customer", Claimable = 0, WarrantyReasonCode = "warranty.no-purchase-date",
            AssignBy = Text(now.AddHours(4)), OnSiteBy = Text(now.AddHours(24)), CompleteBy = Text(now.AddHours(72)), ReworkOfId = (string?)null,
            CreatedByUserId = data.AdminId, CreatedAt = Text(now), UpdatedAt = Text(now),
        }, tx);
        await tx.CommitAsync();
        return rows == 1 ? id : null;
    }

    private static string Text(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public sealed class Row
    {
        public string Id { get; init; } = "";
        public string StoreId { get; init; } = "";
        public string Number { get; init; } = "";
        public string Type { get; init; } = "";
        public string Source { get; init; } = "";
        public string Status { get; init; } = "";
        public string CustomerId { get; init; } = "";
        public string ApplianceId { get; init; } = "";
        public string? District { get; init; }
        public string? Street { get; init; }
        public double? Lat { get; init; }
        public double? Lon { get; init; }
        public string FaultDescription { get; init; } = "";
        public string Priority { get; init; } = "";
        public string? AppointmentFrom { get; init; }
        public string? AppointmentTo { get; init; }
        public string? TechnicianId { get; init; }
        public string? InstallerPartnerId { get; init; }
        public long InWarranty { get; init; }
        public string WarrantyCoverage { get; init; } = "";
        public string Payer { get; init; } = "";
        public long Claimable { get; init; }
        public string WarrantyReasonCode { get; init; } = "";
        public string AssignBy { get; init; } = "";
        public string OnSiteBy { get; init; } = "";
        public string CompleteBy { get; init; } = "";
        public string? SlaPausedAt { get; init; }
        public string? ReworkOfId { get; init; }
        public long IntendedDuplicate { get; init; }
        public long Visits { get; init; }
        public string? RepairLevel { get; init; }
        public string? FailedPart { get; init; }
        public long? MainPart { get; init; }
        public long? LabourMinutes { get; init; }
        public string? ResolutionNotes { get; init; }
        public long? CustomerRating { get; init; }
        public long Version { get; init; }
        public string CreatedByUserId { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string UpdatedAt { get; init; } = "";
        public string? AssignedAt { get; init; }
        public string? OnSiteAt { get; init; }
        public string? CompletedAt { get; init; }
        public string? ClosedAt { get; init; }
        public string? CancelledAt { get; init; }
    }
}
