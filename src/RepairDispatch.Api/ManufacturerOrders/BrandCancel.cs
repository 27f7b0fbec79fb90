using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.ManufacturerOrders;

/// <summary>A brand's order is cancelled only with a reason code the brand accepts (its portal closes the order with it).</summary>
public static class BrandCancel
{
    private const string BrandSql = "SELECT external_manufacturer_id FROM work_orders WHERE id = @Id AND external_number IS NOT NULL";

    /// <summary>The cancel step of <see cref="Transition"/>: null lets it go on.</summary>
    public static async Task<IResult?> CheckAsync(WorkOrder order, string? reasonCode, DbConnection c, DbTransaction tx)
    {
        if (await c.QuerySingleOrDefaultAsync<Guid?>(BrandSql, new { order.Id }, tx) is not { } manufacturerId) return null;
        var mapping = await OrderMappingEndpoints.OfAsync(c, tx, manufacturerId);
        var accepted = mapping.CancelReasonCodes.ToList();
        if (string.IsNullOrWhiteSpace(reasonCode)) return Problems.Validation("reasonCode", Codes.Brand.CancelReasonRequired.With(accepted));
        return mapping.Accepts(reasonCode) ? null : Problems.Validation("reasonCode", Codes.Brand.CancelReasonUnknown.With(reasonCode.Trim(), accepted));
    }
}
