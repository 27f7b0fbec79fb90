using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Photos;

public enum PhotoKind { Nameplate, Invoice, FailedPart, SiteBefore, SiteAfter, InstallationCard }

public sealed record PhotoRef(Guid WorkOrderId, Guid PhotoId);

public sealed record PhotoResponse(Guid Id, PhotoKind Kind, string Sha256, int Width, int Height, DateTimeOffset? TakenAt,
    IReadOnlyList<PhotoRef> DuplicateOf);

/// <summary>
/// An evidence photo, multipart (`file`, `kind`, `takenAt?`, `lat?`, `lon?`). The file is streamed to a temporary file
/// while it is hashed (never held in memory), checked by its content, then moved into the blob store under its SHA-256.
/// The same bytes on the same order answer the first photo (200) and add nothing; the same picture on another order
/// (same hash, or a dHash within <see cref="NearDistance"/> bits) is named in `duplicateOf`.
/// </summary>
public static class UploadPhoto
{
    public const long MaxFileBytes = 8 * 1024 * 1024;
    /// <summary>
    /// The route's body limit, above the file's: a file somewhat too large reaches the handler, which reads one byte past
    /// the limit and refuses it naming `file`; a body beyond this one is refused (413) before it is read.
    /// </summary>
    public const long MaxBodyBytes = 2 * MaxFileBytes;
    public const int NearDistance = 6;
    private const int MaxFieldChars = 100;

    private const string SameBytesSql = "SELECT " + PhotoRow.Columns + " FROM work_order_photos WHERE work_order_id = @WorkOrderId AND sha256 = @Sha256";
    private const string InsertSql = """
        INSERT INTO work_order_photos (id, work_order_id, kind, sha256, content_type, size_bytes, width, height, taken_at, lat_e5, lon_e5,
                                       thumbnail_sha256, phash, uploaded_by, created_at)
        VALUES (@Id, @WorkOrderId, @Kind, @Sha256, @ContentType, @SizeBytes, @Width, @Height, @TakenAt, @LatE5, @LonE5,
                @ThumbnailSha256, @Phash, @UploadedBy, @CreatedAt)
        """;

    public static Task<IResult> FromPhone(Guid id, HttpContext http, Db db, IBlobStore blobs, TimeProvider clock) =>
        Handle(id, http, db, blobs, clock, Codes.Thing.Job);

    public static Task<IResult> AtDesk(Guid id, HttpContext http, Db db, IBlobStore blobs, TimeProvider clock) =>
        Handle(id, http, db, blobs, clock, Codes.Thing.WorkOrder);

    private static async Task<IResult> Handle(Guid id, HttpContext http, Db db, IBlobStore blobs, TimeProvider clock, Code thing)
    {
        var me = http.Me();
        // Another technician's job, or another store's order, is answered like a missing one, before the body is read.
        var order = await WorkOrder.LoadAsync(db, id);
        if (order is null || !order.IsVisibleTo(me)) return Problems.NotFound(thing);
        await using (var c = await db.OpenAsync())
            if (await Claims.ClaimReadiness.PhotosLockedAsync(c, null, id) is { } locked) return locked;

        var temp = Path.Combine(Path.GetTempPath(), "rd-photo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (form, refusal) = await ReadFormAsync(http.Request, temp);
            if (refusal is not null) return refusal;
            var errors = new Dictionary<string, Text[]>();
            if (!Enum.TryParse<PhotoKind>(form!.Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(kind) || int.TryParse(form.Kind, out _))
                errors["kind"] = [Codes.Refusal.PhotoKind.With(string.Join(", ", Enum.GetNames<PhotoKind>()))];
            DateTimeOffset? takenAt = null;
            if (form.TakenAt is { } t)
            {
                if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) takenAt = at.ToUniversalTime();
                else errors["takenAt"] = [Codes.Refusal.PhotoTakenAt];
            }
            var lat = Coordinate(form.Lat, 90, "lat", errors);
            var lon = Coordinate(form.Lon, 180, "lon", errors);
            if (lat is null != (lon is null) && !errors.ContainsKey("lat") && !errors.ContainsKey("lon"))
                errors[lat is null ? "lat" : "lon"] = [Codes.Refusal.PhotoPlaceBoth];
            if (errors.Count > 0) return Problems.Validation(errors);

            var (image, problem) = PhotoImages.Inspect(temp);
            if (problem is not null) return Problems.Validation("file", problem switch
            {
                ImageProblem.TooManyPixels => Codes.Refusal.PhotoTooManyPixels.With(PhotoImages.MaxPixels / 1_000_000),
                ImageProblem.Damaged => Codes.Refusal.PhotoDamaged,
                _ => Codes.Refusal.PhotoNotAnImage,
            });
            // Decoding holds the whole bitmap (3 bytes a pixel): a few at a time, so many uploads at once do not add up.
            (byte[] Thumbnail, long PerceptualHash)? derived;
            await PhotoImages.Decoding.WaitAsync(http.RequestAborted);
            try { derived = PhotoImages.Derive(temp); }
            finally { PhotoImages.Decoding.Release(); }
            if (derived is not { } d) return Problems.Validation("file", Codes.Refusal.PhotoDamaged);

            if (takenAt is null && image!.ExifTakenAt is { } local)
            {
                await using var c = await db.OpenAsync();
                var zone = await StoreClock.OfStoreAsync(c, null, order.StoreId);
                takenAt = zone.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
            }
            if (lat is null && image!.ExifLat is { } exifLat && image.ExifLon is { } exifLon && Math.Abs(exifLat) <= 90 && Math.Abs(exifLon) <= 180)
                (lat, lon) = (exifLat, exifLon);

            // The bytes go into the store before the row: a row never names a missing blob. A blob no row names (the
            // transaction failed) is harmless, content-addressed, and found again by the next upload of the same bytes.
            var thumbnailSha = Convert.ToHexStringLower(SHA256.HashData(d.Thumbnail));
            await using (var file = File.OpenRead(temp)) await blobs.PutAsync(form.Sha256, file);
            await using (var thumb = new MemoryStream(d.Thumbnail)) await blobs.PutAsync(thumbnailSha, thumb);

            var row = new PhotoRow
            {
                Id = Guid.CreateVersion7(), WorkOrderId = order.Id, Kind = kind.ToString(), Sha256 = form.Sha256, ContentType = image!.ContentType,
                SizeBytes = form.Size, Width = image.Width, Height = image.Height, TakenAt = takenAt,
                LatE5 = lat is { } la ? (int)Math.Round(la * 100_000) : null, LonE5 = lon is { } lo ? (int)Math.Round(lo * 100_000) : null,
                ThumbnailSha256 = thumbnailSha, Phash = d.PerceptualHash, UploadedBy = me.Id, CreatedAt = clock.GetUtcNow(),
            };
            return await db.InTransactionAsync<IResult>(async (c, tx) =>
            {
                if (await Claims.ClaimReadiness.PhotosLockedAsync(c, tx, order.Id) is { } locked) return locked;
                var first = await c.QuerySingleOrDefaultAsync<PhotoRow>(SameBytesSql, new { WorkOrderId = order.Id, row.Sha256 }, tx);
                if (first is not null) return TypedResults.Ok(await ResponseAsync(c, tx, first));
                await c.ExecuteAsync(InsertSql, row, tx);
                await Claims.ClaimReadiness.RefreshAsync(c, tx, order.Id, row.CreatedAt);
                var response = await ResponseAsync(c, tx, row);
                return TypedResults.Created($"/api/v1/photos/{row.Id}/content", response);
            });
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private const string OtherOrdersSql = "SELECT " + PhotoRow.Columns + " FROM work_order_photos WHERE work_order_id <> @WorkOrderId";

    /// <summary>The photos of every other order: the ones an order's photos may duplicate.</summary>
    public static async Task<IReadOnlyList<PhotoRow>> OfOtherOrdersAsync(DbConnection c, DbTransaction? tx, Guid workOrderId) =>
        [.. await c.QueryAsync<PhotoRow>(OtherOrdersSql, new { WorkOrderId = workOrderId }, tx)];

    /// <summary>Photos of other orders with the same bytes or nearly the same picture, oldest first.</summary>
    public static IReadOnlyList<PhotoRef> Duplicates(IEnumerable<PhotoRow> others, PhotoRow photo) =>
        [.. others.Where(o => o.Sha256 == photo.Sha256 || PhotoImages.Distance(o.Phash, photo.Phash) <= NearDistance)
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).Select(o => new PhotoRef(o.WorkOrderId, o.Id))];

    private static async Task<PhotoResponse> ResponseAsync(DbConnection c, DbTransaction tx, PhotoRow row) =>
        new(row.Id, Enum.Parse<PhotoKind>(row.Kind), row.Sha256, row.Width, row.Height, row.TakenAt,
            Duplicates(await OfOtherOrdersAsync(c, tx, row.WorkOrderId), row));

    private static double? Coordinate(string? text, double bound, string field, Dictionary<string, Text[]> errors)
    {
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && Math.Abs(value) <= bound && double.IsFinite(value))
            return value;
        errors[field] = [Codes.Refusal.PhotoCoordinate.With(bound)];
        return null;
    }

    private sealed record UploadForm(string? Kind, string? TakenAt, string? Lat, string? Lon, string Sha256, long Size);

    /// <summary>Reads the multipart form section by section: the file streams to <paramref name="temp"/> while it is hashed and counted.</summary>
    private static async Task<(UploadForm? Form, IResult? Refusal)> ReadFormAsync(HttpRequest request, string temp)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return (null, Problems.Validation("file", Codes.Refusal.PhotoMultipart));
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 8 * 1024 };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? sha = null;
        long size = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name == "file")
                {
                    if (sha is not null) return (null, Problems.Validation("file", Codes.Refusal.PhotoOneFile));
                    (sha, size) = await HashedCopy.ToFileAsync(section.Body, temp, MaxFileBytes, request.HttpContext.RequestAborted);
                    if (size > MaxFileBytes) return (null, Problems.Validation("file", Codes.Refusal.PhotoTooLarge.With(MaxFileBytes / (1024 * 1024))));
                }
                else if (name is "kind" or "takenAt" or "lat" or "lon")
                {
                    var value = await new StreamReader(section.Body).ReadToEndAsync();
                    if (value.Length > MaxFieldChars) return (null, Problems.Validation(name, Codes.Refusal.PhotoFieldTooLong.With(MaxFieldChars)));
                    fields[name] = value.Trim();
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException) // a broken form, or a section past the reader's limits
        {
            return (null, Problems.Validation("file", Codes.Refusal.PhotoMultipart));
        }
        if (sha is null || size == 0) return (null, Problems.Validation("file", Codes.Refusal.PhotoFileRequired));
        if (!fields.TryGetValue("kind", out var kind) || kind.Length == 0)
            return (null, Problems.Validation("kind", Codes.Refusal.PhotoKind.With(string.Join(", ", Enum.GetNames<PhotoKind>()))));
        string? Field(string n) => fields.TryGetValue(n, out var v) && v.Length > 0 ? v : null;
        return (new UploadForm(kind, Field("takenAt"), Field("lat"), Field("lon"), sha, size), null);
    }
}

/// <summary>A row of `work_order_photos`.</summary>
public sealed class PhotoRow
{
    public const string Columns = "id, work_order_id, kind, sha256, content_type, size_bytes, width, height, taken_at, lat_e5, lon_e5, thumbnail_sha256, phash, uploaded_by, created_at";
    public Guid Id { get; init; }
    public Guid WorkOrderId { get; init; }
    public string Kind { get; init; } = "";
    public string Sha256 { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long SizeBytes { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public DateTimeOffset? TakenAt { get; init; }
    public int? LatE5 { get; init; }
    public int? LonE5 { get; init; }
    public string ThumbnailSha256 { get; init; } = "";
    public long Phash { get; init; }
    public Guid UploadedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
