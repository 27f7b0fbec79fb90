using Dapper;
using Microsoft.Extensions.Options;
using QRCoder;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Public;

public sealed record QrLinkResponse(string Url);

/// <summary>
/// The appliance's sticker: a QR of a link that lets whoever holds the phone on file report a fault. Each request makes a
/// new link (tokens are not kept, so an old one cannot be printed again); stickers already out stay good until the desk
/// revokes the appliance's links.
/// </summary>
public static class ApplianceQr
{
    private const string StoreSql = "SELECT c.store_id FROM appliances a JOIN customers c ON c.id = a.customer_id WHERE a.id = @Id";
    private const string RevokeSql = "UPDATE public_links SET revoked_at = @Now WHERE appliance_id = @Id AND revoked_at IS NULL";
    private const int PixelsPerModule = 10;

    public static async Task<IResult> Png(Guid id, HttpContext http, Db db, TimeProvider clock, IOptions<PublicOptions> options) =>
        await IssueAsync(id, http, db, clock, options, url =>
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
            return TypedResults.File(new PngByteQRCode(data).GetGraphic(PixelsPerModule), "image/png");
        });

    public static async Task<IResult> Link(Guid id, HttpContext http, Db db, TimeProvider clock, IOptions<PublicOptions> options) =>
        await IssueAsync(id, http, db, clock, options, url => TypedResults.Ok(new QrLinkResponse(url)));

    public static async Task<IResult> Revoke(Guid id, HttpContext http, Db db, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<Guid?>(StoreSql, new { Id = id }, tx) is null) return Problems.NotFound(Codes.Thing.Appliance);
            return TypedResults.Ok(new RevokedLinks(await c.ExecuteAsync(RevokeSql, new { Id = id, Now = now }, tx)));
        });
    }

    private static async Task<IResult> IssueAsync(Guid id, HttpContext http, Db db, TimeProvider clock, IOptions<PublicOptions> options,
        Func<string, IResult> answer)
    {
        var me = Auth.CurrentUserBinding.Me(http);
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            // The customer archive is the chain's (as GET /appliances/{id}); the link belongs to the customer's home store.
            if (await c.ExecuteScalarAsync<Guid?>(StoreSql, new { Id = id }, tx) is not { } storeId) return Problems.NotFound(Codes.Thing.Appliance);
            var (token, _) = await PublicLinks.IssueAsync(c, tx, LinkKind.Appliance, storeId, id, me.Id, now, options.Value.ApplianceLinkDays);
            return answer(PublicLinks.Url(PublicLinks.BaseOf(options.Value, http), LinkKind.Appliance, token));
        });
    }
}
