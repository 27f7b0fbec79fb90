using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace RepairDispatch.Api.Photos;

/// <summary>What the service learnt from an uploaded image before keeping it.</summary>
public sealed record InspectedImage(string ContentType, int Width, int Height, DateTime? ExifTakenAt, double? ExifLat, double? ExifLon);

/// <summary>Why an upload is not an image the service keeps.</summary>
public enum ImageProblem { NotAnImage, Damaged, TooManyPixels }

/// <summary>
/// Image work with SixLabors.ImageSharp 2.1 (Apache-2.0; 3.x needs a paid licence for a business like ours): the type
/// is decided by the content (magic bytes, then the decoder reading the header), never by the name; the pixel size is
/// read from the header before anything is decoded, so a small file claiming a huge image (a PNG bomb) is refused
/// without allocating it; a file cut short is refused by its end marker (decoders fill missing rows silently).
/// </summary>
public static class PhotoImages
{
    public const long MaxPixels = 50_000_000; // a 50 MP phone camera; a decoded image costs 3 bytes a pixel
    public const int MaxSide = 12_000;
    public const int ThumbnailSide = 320;

    /// <summary>At most one decode per core at a time (each may hold up to <see cref="MaxPixels"/> × 3 bytes).</summary>
    public static readonly SemaphoreSlim Decoding = new(Math.Max(1, Environment.ProcessorCount));

    public static (InspectedImage? Image, ImageProblem? Problem) Inspect(string path)
    {
        var type = SniffType(path);
        if (type is null) return (null, ImageProblem.NotAnImage);
        if (!IsComplete(path, type)) return (null, ImageProblem.Damaged);
        try
        {
            using var file = File.OpenRead(path);
            var info = Image.Identify(file, out var format);
            if (info is null || format is null || !format.DefaultMimeType.Equals(type, StringComparison.OrdinalIgnoreCase))
                return (null, ImageProblem.NotAnImage);
            if (info.Width <= 0 || info.Height <= 0) return (null, ImageProblem.Damaged);
            if (info.Width > MaxSide || info.Height > MaxSide || (long)info.Width * info.Height > MaxPixels)
                return (null, ImageProblem.TooManyPixels);
            var exif = info.Metadata.ExifProfile;
            return (new InspectedImage(type, info.Width, info.Height, ExifTakenAt(exif), Coordinate(exif, ExifTag.GPSLatitude, ExifTag.GPSLatitudeRef, "S"),
                Coordinate(exif, ExifTag.GPSLongitude, ExifTag.GPSLongitudeRef, "W")), null);
        }
        catch (Exception e) when (IsBadImage(e))
        {
            return (null, ImageProblem.Damaged);
        }
    }

    /// <summary>Decodes the (inspected) image once: its JPEG thumbnail (longest side ≤ 320 px) and its 64-bit dHash. Null when it does not decode.</summary>
    public static (byte[] Thumbnail, long PerceptualHash)? Derive(string path)
    {
        try
        {
            using var image = Image.Load<Rgb24>(path);
            image.Mutate(x => x.AutoOrient());
            var hash = DHash(image);
            image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(ThumbnailSide, ThumbnailSide) }));
            image.Metadata.ExifProfile = null; // a thumbnail carries no place or camera data
            using var thumbnail = new MemoryStream();
            image.SaveAsJpeg(thumbnail, new JpegEncoder { Quality = 80 });
            return (thumbnail.ToArray(), hash);
        }
        catch (Exception e) when (IsBadImage(e))
        {
            return null;
        }
    }

    /// <summary>What a decoder throws on content it cannot read (as opposed to a fault of the service).</summary>
    private static bool IsBadImage(Exception e) => e is ImageFormatException or UnknownImageFormatException or InvalidDataException
        or NotSupportedException or ArgumentException or IndexOutOfRangeException or EndOfStreamException;

    /// <summary>Difference hash: 9×8 grey pixels, one bit per horizontal neighbour pair (left brighter than right).</summary>
    public static long DHash(Image<Rgb24> image)
    {
        using var small = image.Clone(x => x.Resize(9, 8, KnownResamplers.Box).Grayscale());
        ulong bits = 0;
        for (var y = 0; y < 8; y++)
        for (var x = 0; x < 8; x++)
        {
            bits <<= 1;
            if (small[x, y].R > small[x + 1, y].R) bits |= 1;
        }
        return unchecked((long)bits);
    }

    public static int Distance(long a, long b) => System.Numerics.BitOperations.PopCount(unchecked((ulong)(a ^ b)));

    /// <summary>The type by the file's first bytes: JPEG (FF D8 FF), PNG (its 8-byte signature), WebP (RIFF....WEBP).</summary>
    private static string? SniffType(string path)
    {
        Span<byte> head = stackalloc byte[12];
        using var file = File.OpenRead(path);
        if (file.ReadAtLeast(head, 12, throwOnEndOfStream: false) < 12) return null;
        if (head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return "image/jpeg";
        if (head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }

    /// <summary>The file ends where its format says: JPEG's EOI marker, PNG's IEND chunk, WebP's RIFF length.</summary>
    private static bool IsComplete(string path, string type)
    {
        using var file = File.OpenRead(path);
        var length = file.Length;
        Span<byte> tail = stackalloc byte[12];
        switch (type)
        {
            case "image/jpeg":
                file.Seek(-2, SeekOrigin.End);
                file.ReadExactly(tail[..2]);
                return tail[0] == 0xFF && tail[1] == 0xD9;
            case "image/png":
                file.Seek(-12, SeekOrigin.End);
                file.ReadExactly(tail);
                return tail[4..8].SequenceEqual("IEND"u8);
            default:
                file.Seek(4, SeekOrigin.Begin);
                file.ReadExactly(tail[..4]);
                var riff = BitConverter.ToUInt32(tail[..4]);
                return riff + 8 == length || riff + 9 == length; // an odd chunk may carry a pad byte
        }
    }

    private static DateTime? ExifTakenAt(ExifProfile? exif)
    {
        var value = exif?.GetValue(ExifTag.DateTimeOriginal)?.Value;
        return DateTime.TryParseExact(value?.Trim('\0', ' '), "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at : null;
    }

    private static double? Coordinate(ExifProfile? exif, ExifTag<Rational[]> tag, ExifTag<string> reference, string negative)
    {
        var parts = exif?.GetValue(tag)?.Value;
        if (parts is not { Length: 3 } || parts.Any(p => p.Denominator == 0)) return null;
        var degrees = parts[0].ToDouble() + parts[1].ToDouble() / 60 + parts[2].ToDouble() / 3600;
        return exif!.GetValue(reference)?.Value?.Trim('\0', ' ') == negative ? -degrees : degrees;
    }
}
