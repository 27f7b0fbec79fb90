using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Photos;

public sealed record PhotoListItem(Guid Id, PhotoKind Kind, DateTimeOffset? TakenAt, Guid UploadedBy, IReadOnlyList<PhotoRef> DuplicateOf);

public sealed record PhotoList(IReadOnlyList<PhotoListItem> Items);

/// <summary>
/// Photos of an order for whoever may see the order (office roles of its store; a technician of his own jobs);
/// anything else is answered like a missing order or photo.
/// </summary>
public static class ReadPhotos
{
    private const string OfOrderSql = "SELECT " + PhotoRow.Columns + " FROM work_order_photos WHERE work_order_id = @Id ORDER BY created_at, id";
    private const string ByIdSql = "SELECT " + PhotoRow.Columns + " FROM work_order_photos WHERE id = @Id";

    public static async Task<IResult> List(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        var order = await WorkOrder.LoadAsync(c, null, id);
        if (order is null || !order.IsVisibleTo(http.Me())) return Problems.NotFound(Codes.Thing.WorkOrder);
        var photos = await c.QueryAsync<PhotoRow>(OfOrderSql, new { Id = id });
        var others = await UploadPhoto.OfOtherOrdersAsync(c, null, id); // once for the list, not once per photo
        return TypedResults.Ok(new PhotoList([.. photos.Select(photo => new PhotoListItem(photo.Id, Enum.Parse<PhotoKind>(photo.Kind),
            photo.TakenAt, photo.UploadedBy, UploadPhoto.Duplicates(others, photo)))]));
    }

    /// <summary>The photo's bytes (`size=full`, its own type) or its JPEG thumbnail (`size=thumb`, the default), streamed from the blob store.</summary>
    public static async Task<IResult> Content(Guid id, HttpContext http, Db db, IBlobStore blobs, string? size)
    {
        if (size is not (null or "thumb" or "full")) return Problems.Validation("size", Codes.Refusal.PhotoSize);
        PhotoRow? photo;
        WorkOrder? order = null;
        await using (var c = await db.OpenAsync())
        {
            photo = await c.QuerySingleOrDefaultAsync<PhotoRow>(ByIdSql, new { Id = id });
            if (photo is not null) order = await WorkOrder.LoadAsync(c, null, photo.WorkOrderId);
        }
        if (photo is null || order is null || !order.IsVisibleTo(http.Me())) return Problems.NotFound(Codes.Thing.Photo);
        var full = size == "full";
        var stream = await blobs.OpenReadAsync(full ? photo.Sha256 : photo.ThumbnailSha256, http.RequestAborted);
        if (stream is null) return Problems.NotFound(Codes.Thing.Photo);
        return TypedResults.Stream(stream, full ? photo.ContentType : "image/jpeg", entityTag: null);
    }
}
