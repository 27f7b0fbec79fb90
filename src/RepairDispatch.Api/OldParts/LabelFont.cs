using Microsoft.Extensions.Options;
using SkiaSharp;

namespace RepairDispatch.Api.OldParts;

public sealed class OldPartOptions
{
    /// <summary>A font file (TTF, OTF or a TTC collection) with Chinese glyphs for labels; else the first of <see cref="LabelFont.CommonPaths"/> found.</summary>
    public string? LabelFont { get; set; }
}

/// <summary>
/// The CJK typeface labels are drawn with, found once: the configured file, else the usual places of Noto Sans CJK
/// (Debian's fonts-noto-cjk, which .ci/run and deploy/Dockerfile install), WenQuanYi, Droid Sans Fallback, Windows'
/// YaHei or macOS' PingFang. In a collection the Simplified Chinese face is preferred. Null when none has the glyphs.
/// </summary>
public sealed class LabelFont(IOptions<OldPartOptions> options, ILogger<LabelFont> log)
{
    public static readonly string[] CommonPaths =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        @"C:\Windows\Fonts\msyh.ttc",
        "/System/Library/Fonts/PingFang.ttc",
    ];

    private readonly Lazy<SKTypeface?> _typeface = new(() => Find(options.Value.LabelFont, log));

    public SKTypeface? Typeface => _typeface.Value;

    private static SKTypeface? Find(string? configured, ILogger log)
    {
        foreach (var path in (configured is { Length: > 0 } ? [configured] : Array.Empty<string>()).Concat(CommonPaths))
        {
            if (!File.Exists(path)) continue;
            if (Chinese(path) is { } face)
            {
                log.LogInformation("Old-part labels use {Family} from {Path}", face.FamilyName, path);
                return face;
            }
            log.LogWarning("The font {Path} has no Chinese glyphs; labels cannot use it", path);
        }
        log.LogError("No CJK font for old-part labels: set RepairDispatch:OldParts:LabelFont or install fonts-noto-cjk");
        return null;
    }

    private static SKTypeface? Chinese(string path)
    {
        var faces = new List<SKTypeface>();
        for (var index = 0; index < 16 && SKTypeface.FromFile(path, index) is { } face; index++)
        {
            using var font = new SKFont(face);
            if (font.GetGlyph('旧') != 0 && font.GetGlyph('件') != 0) faces.Add(face);
            else face.Dispose();
        }
        var chosen = faces.Find(f => f.FamilyName.EndsWith(" SC", StringComparison.Ordinal)) ?? faces.FirstOrDefault();
        foreach (var other in faces.Where(f => f != chosen)) other.Dispose();
        return chosen;
    }
}
