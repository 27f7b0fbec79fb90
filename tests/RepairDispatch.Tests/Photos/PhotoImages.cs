using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace RepairDispatch.Tests.Photos;

/// <summary>Images made in the test: a pattern of grey blocks chosen by a seed (different seeds look nothing alike), and bad files.</summary>
public static class TestImages
{
    public static Image<Rgb24> Pattern(int seed, int width = 640, int height = 480)
    {
        var random = new Random(seed);
        var levels = new byte[12, 9];
        for (var x = 0; x < 12; x++)
        for (var y = 0; y < 9; y++)
            levels[x, y] = (byte)random.Next(256);
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var v = levels[x * 12 / width, y * 9 / height];
            image[x, y] = new Rgb24(v, (byte)(255 - v), (byte)(v / 2));
        }
        return image;
    }

    public static byte[] Jpeg(int seed, string? exifTakenAt = null, int width = 640, int height = 480)
    {
        using var image = Pattern(seed, width, height);
        if (exifTakenAt is not null)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.DateTimeOriginal, exifTakenAt);
        }
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = 90 });
        return stream.ToArray();
    }

    public static byte[] Png(int seed, int width = 640, int height = 480)
    {
        using var image = Pattern(seed, width, height);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream, new PngEncoder());
        return stream.ToArray();
    }

    public static byte[] WebP(int seed)
    {
        using var image = Pattern(seed);
        using var stream = new MemoryStream();
        image.SaveAsWebp(stream, new WebpEncoder { FileFormat = WebpFileFormatType.Lossy, Quality = 80 });
        return stream.ToArray();
    }

    /// <summary>The same picture as <see cref="Jpeg"/> of the seed, smaller and re-encoded with another quality.</summary>
    public static byte[] ReEncodedSmaller(int seed)
    {
        using var image = Pattern(seed);
        image.Mutate(x => x.Resize(480, 360));
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = 60 });
        return stream.ToArray();
    }

    public static byte[] Zip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = new StreamWriter(zip.CreateEntry("invoice.txt").Open()))
            entry.Write("not a photo");
        return stream.ToArray();
    }

    public static byte[] Truncated(byte[] jpeg) => jpeg[..(jpeg.Length / 2)];

    /// <summary>A file of nine megabytes that starts like a JPEG.</summary>
    public static byte[] NineMegabytes()
    {
        var bytes = new byte[9 * 1024 * 1024];
        new Random(9).NextBytes(bytes);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF;
        return bytes;
    }

    /// <summary>A PNG of a few hundred bytes whose header claims 100,000 × 100,000 pixels (its IHDR rewritten, with a correct CRC).</summary>
    public static byte[] PngBomb()
    {
        var png = Png(1, 16, 16);
        // Signature (8), then IHDR: length (4), "IHDR" (4), width (4), height (4), ... CRC over type and data.
        WriteBigEndian(png, 16, 100_000);
        WriteBigEndian(png, 20, 100_000);
        WriteBigEndian(png, 29, Crc32(png.AsSpan(12, 17)));
        return png;
    }

    private static void WriteBigEndian(byte[] bytes, int at, uint value)
    {
        bytes[at] = (byte)(value >> 24); bytes[at + 1] = (byte)(value >> 16); bytes[at + 2] = (byte)(value >> 8); bytes[at + 3] = (byte)value;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
