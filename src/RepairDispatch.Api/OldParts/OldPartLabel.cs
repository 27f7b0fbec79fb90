using QRCoder;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using SkiaSharp;

namespace RepairDispatch.Api.OldParts;

/// <summary>
/// The label stuck on the part: a QR code of the tag (what the desk's scanner reads) and, in Chinese, the tag, the order
/// number, part number and name, brand and return deadline. 720×360 px, 203 dpi label printers print it at 90×45 mm.
/// </summary>
public static class OldPartLabel
{
    public const string PngType = "image/png";
    private const int Width = 720, Height = 360, Margin = 20, QrSide = Height - 2 * Margin;

    public static async Task<IResult> Handle(Guid id, HttpContext http, Db db, LabelFont labelFont)
    {
        OldPartRow? part;
        await using (var c = await db.OpenAsync(http.RequestAborted)) part = await OldPartRow.ByIdAsync(c, null, id);
        if (part is null || !http.Me().SeesStore(part.StoreId)) return Problems.NotFound(Codes.OldPart.Thing);
        if (labelFont.Typeface is not { } typeface)
            return Problems.Make(StatusCodes.Status503ServiceUnavailable, "label-font-missing", Codes.OldPart.LabelFontMissing);
        // Inline, so a browser shows the label to print; saved, it is named by its tag.
        http.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline") { FileName = $"{part.Tag}.png" }.ToString();
        return TypedResults.File(Render(part, typeface), PngType);
    }

    public static byte[] Render(OldPartRow part, SKTypeface typeface)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = false, Style = SKPaintStyle.Fill };
        DrawQr(canvas, part.Tag, ink);

        ink.IsAntialias = true;
        var x = Margin + QrSide + Margin;
        var lines = new List<(string Text, float Size)>
        {
            (Chinese(Codes.OldPart.LabelTitle), 28), (part.Tag, 44),
            (Chinese(Codes.OldPart.LabelWorkOrder.With(part.WorkOrderNumber)), 26), (Chinese(Codes.OldPart.LabelPart.With(part.PartNumber)), 26),
            (part.PartName, 24), (Chinese(Codes.OldPart.LabelBrand.With(part.ManufacturerName)), 26),
        };
        if (part.DueOn is { } due) lines.Add((Chinese(Codes.OldPart.LabelDue.With(Codes.Day(due))), 26));
        float y = Margin;
        foreach (var (text, size) in lines)
        {
            using var font = new SKFont(typeface, size);
            // Long part names and brands shrink to fit beside the code rather than run off the label.
            while (font.Size > 12 && font.MeasureText(text) > Width - x - Margin) font.Size -= 1;
            y += font.Size * 1.2f;
            canvas.DrawText(text, x, y, SKTextAlign.Left, font, ink);
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void DrawQr(SKCanvas canvas, string tag, SKPaint ink)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(tag, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix; // includes the quiet zone
        var size = QrSide / modules.Count;
        var offset = Margin + (QrSide - size * modules.Count) / 2;
        for (var row = 0; row < modules.Count; row++)
            for (var col = 0; col < modules.Count; col++)
                if (modules[row][col]) canvas.DrawRect(offset + col * size, offset + row * size, size, size, ink);
    }

    // Labels are Chinese whoever prints them.
    private static string Chinese(Text text) => text.Render(Localization.Chinese);
}
