using System.Data.Common;
using System.Globalization;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Sales;

/// <summary>
/// Returns and exchanges at the till. A returned unit leaves the registry (marked, its history kept), its open orders
/// that may still be cancelled are cancelled with a reason code, and its pending sales callback is dropped. An
/// exchanged unit is replaced by a new appliance bought on the exchange day (its warranty starts again) that takes
/// over the open orders. Each line is recorded once: the same line again answers the same, a different one is 409.
/// </summary>
public static class ReturnSale
{
    private const string OpenOrdersSql = """
        SELECT id FROM work_orders WHERE appliance_id = @ApplianceId AND status IN ('New','Assigned','Accepted','EnRoute','OnSite','AwaitingParts')
        """;
    private const string LeaveSql = "UPDATE appliances SET left_registry_on = @On, replaced_by_id = @ReplacedBy WHERE id = @Id";
    private const string DropCallbacksSql = """
        UPDATE callbacks SET status = 'Cancelled', version = version + 1 WHERE appliance_id = @ApplianceId AND status IN ('Scheduled','NoAnswer')
        """;
    private const string MoveOrdersSql = """
        UPDATE work_orders SET appliance_id = @NewId, version = version + 1, updated_at = @Now
        WHERE appliance_id = @OldId AND status IN ('New','Assigned','Accepted','EnRoute','OnSite','AwaitingParts')
        """;
    private const string MarkLineSql = """
        UPDATE sales_order_lines SET returned_kind = @Kind, returned_on = @On, new_serial_number = @NewSerialNumber
        WHERE sales_order_id = @SaleId AND line_no = @LineNo
        """;
    private const string ReplacementSql = """
        UPDATE sales_order_units SET replacement_appliance_id = @ReplacementId WHERE sales_order_id = @SaleId AND line_no = @LineNo AND unit_no = @UnitNo
        """;
    private const string ApplianceSql = "SELECT category, manufacturer_id, model FROM appliances WHERE id = @Id";

    public static async Task<IResult> Handle(string saleNumber, SaleReturnRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var sale = await StoredSale.LoadAsync(c, tx, saleNumber.Trim());
            if (sale is null || !me.SeesStore(sale.StoreId)) return Problems.NotFound(Codes.Sales.Thing);
            var zone = await StoreClock.OfStoreAsync(c, tx, sale.StoreId);
            if (Refuse(sale, request, zone.DayOf(sale.SoldAt), zone.DayOf(now)) is { } refused) return refused;

            var (actor, _) = await SaleActor.OfAsync(c, tx, me);
            var answer = new List<SaleReturnLineResponse>();
            foreach (var line in request.Lines)
            {
                var stored = sale.Lines.Single(l => l.LineNo == line.LineNo);
                var units = sale.Units.Where(u => u.LineNo == line.LineNo).ToList();
                var replacements = stored.ReturnedKind is null
                    ? await ApplyAsync(c, tx, sale, stored, units, line, actor, now)
                    : units.Where(u => u.ReplacementApplianceId is not null).Select(u => u.ReplacementApplianceId!.Value).ToList();
                answer.Add(new SaleReturnLineResponse(stored.LineNo, line.Kind!.Value, line.On!.Value, units.Select(u => u.ApplianceId).ToList(), replacements));
            }
            return TypedResults.Ok(new SaleReturnResponse(sale.SaleNumber, answer));
        });
    }

    private static IResult? Refuse(StoredSale sale, SaleReturnRequest request, DateOnly soldOn, DateOnly today)
    {
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            if (sale.Lines.FirstOrDefault(l => l.LineNo == line.LineNo) is not { } stored)
                return Problems.Validation($"lines[{i}].lineNo", Codes.Sales.NoSuchLine.With(line.LineNo));
            if (line.On < soldOn)
                return Problems.Validation($"lines[{i}].on", Codes.Sales.BeforeSale.With(soldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            if (line.On > today) return Problems.Validation($"lines[{i}].on", Codes.Refusal.InTheFuture);
            if (line.Kind == SaleReturnKind.Exchange && stored.Qty > 1 && !string.IsNullOrWhiteSpace(line.NewSerialNumber))
                return Problems.Validation($"lines[{i}].newSerialNumber", Codes.Sales.SerialNeedsOneUnit);
            if (stored.ReturnedKind is { } kind
                && (kind != line.Kind.ToString() || stored.ReturnedOn != line.On || stored.NewSerialNumber != StoredSale.Blank(line.NewSerialNumber)))
                return Problems.Conflict("sale-line-returned", Codes.Sales.ReturnedOtherwise.With(stored.LineNo, kind,
                    stored.ReturnedOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new Dictionary<string, object?> { ["field"] = $"lines[{i}]" });
        }
        return null;
    }

    private static async Task<List<Guid>> ApplyAsync(DbConnection c, DbTransaction tx, StoredSale sale, StoredSale.Line stored,
        List<StoredSale.Unit> units, SaleReturnLineRequest line, CurrentUser actor, DateTimeOffset now)
    {
        var on = line.On!.Value;
        var newSerial = StoredSale.Blank(line.NewSerialNumber);
        var replacements = new List<Guid>();
        foreach (var unit in units)
        {
            if (line.Kind == SaleReturnKind.Return)
            {
                await CancelOpenOrdersAsync(c, tx, unit.ApplianceId, sale.SaleNumber, actor, now);
                await c.ExecuteAsync(DropCallbacksSql, new { unit.ApplianceId }, tx);
                await c.ExecuteAsync(LeaveSql, new { Id = unit.ApplianceId, On = on, ReplacedBy = (Guid?)null }, tx);
                continue;
            }
            var old = await c.QuerySingleAsync<(string Category, Guid ManufacturerId, string Model)>(ApplianceSql, new { Id = unit.ApplianceId }, tx);
            var replacement = await SaleAppliances.RegisterAsync(c, tx, sale.CustomerId, Enum.Parse<ApplianceCategory>(old.Category), old.ManufacturerId,
                old.Model, newSerial, on, stored.InvoiceNumber, now);
            await c.ExecuteAsync(LeaveSql, new { Id = unit.ApplianceId, On = on, ReplacedBy = replacement }, tx);
            await c.ExecuteAsync(MoveOrdersSql, new { NewId = replacement, OldId = unit.ApplianceId, Now = now }, tx);
            await c.ExecuteAsync(ReplacementSql, new { ReplacementId = replacement, stored.LineNo, unit.UnitNo, SaleId = sale.Id }, tx);
            replacements.Add(replacement);
        }
        await c.ExecuteAsync(MarkLineSql, new { Kind = line.Kind.ToString(), On = on, NewSerialNumber = newSerial, SaleId = sale.Id, stored.LineNo }, tx);
        return replacements;
    }

    /// <summary>An order already on site (or waiting for parts) is not cancelled here: the desk decides it with the customer.</summary>
    private static async Task CancelOpenOrdersAsync(DbConnection c, DbTransaction tx, Guid applianceId, string saleNumber, CurrentUser actor, DateTimeOffset now)
    {
        foreach (var id in await c.QueryAsync<Guid>(OpenOrdersSql, new { ApplianceId = applianceId }, tx))
        {
            var order = (await WorkOrder.LoadAsync(c, tx, id))!;
            if (!StatusMachine.TryMove(order.Status, WorkOrderAction.Cancel, out var to)) continue;
            var from = order.Status;
            order.Status = to;
            order.CancelledAt = now;
            await order.SaveAsync(c, tx, now);
            await WorkOrderEvents.WriteAsync(c, tx, order.Id, actor, now, nameof(WorkOrderAction.Cancel), from, to, Codes.Sales.ApplianceReturned.With(saleNumber));
        }
    }
}
