using System.Diagnostics;
using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// photos-images: N different JPEGs of about --bytes each (2 MB), 2592×1944 (a 5 MP phone camera), written to --out as
/// photo-0000.jpg …: a pattern of blocks chosen by the photo's number (so that no two look alike to the service's
/// perceptual hash) with noise that brings the file to its size. Made before the measurement, on every core.
/// </summary>
public static class BenchPhotos
{
    private const int Width = 2592, Height = 1944, Quality = 85;

    public static int Run(Options options)
    {
        var dir = options.Required("out");
        var count = options.Int("count", 800);
        var bytes = options.Int("bytes", 2 * 1024 * 1024);
        Directory.CreateDirectory(dir);
        var watch = Stopwatch.StartNew();
        var noise = NoiseFor(bytes);
        Parallel.For(0, count, i => File.WriteAllBytes(Path.Combine(dir, $"photo-{i:0000}.jpg"), Encode(i, noise)));
        var sizes = Directory.GetFiles(dir, "photo-*.jpg").Select(f => new FileInfo(f).Length).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"photos-images: {sizes.Count} JPEGs {Width}×{Height}, {sizes.Min() / 1048576.0:0.00}–{sizes.Max() / 1048576.0:0.00} MB (mean {sizes.Average() / 1048576.0:0.00} MB), noise ±{noise}, in {watch.Elapsed.TotalSeconds:0} s"));
        return 0;
    }

    /// <summary>The noise amplitude that makes the first photo about <paramref name="bytes"/> long (bisection; size grows with noise).</summary>
    private static int NoiseFor(int bytes)
    {
        var (low, high) = (0, 128);
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            if (Encode(0, middle).Length < bytes) low = middle; else high = middle;
        }
        return high;
    }

    private static byte[] Encode(int seed, int noise)
    {
        var random = new Random(seed);
        var levels = new byte[16, 12];
        for (var x = 0; x < 16; x++)
        for (var y = 0; y < 12; y++)
            levels[x, y] = (byte)random.Next(256);
        using var image = new Image<Rgb24>(Width, Height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var v = levels[x * 16 / Width, y * 12 / Height] + random.Next(-noise, noise + 1);
                    row[x] = new Rgb24(Clamp(v), Clamp(255 - v), Clamp(v / 2 + 40));
                }
            }
        });
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = Quality });
        return stream.ToArray();
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);
}
