using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.OldParts;

namespace RepairDispatch.Tests.OldParts;

/// <summary>Where labels get their Chinese glyphs (.ci/run installs Debian's fonts-noto-cjk).</summary>
public class LabelFontTests
{
    private static LabelFont With(string? configured) => new(Options.Create(new OldPartOptions { LabelFont = configured }), NullLogger<LabelFont>.Instance);

    [Fact]
    public void InANotoCollectionTheSimplifiedChineseFaceIsTaken()
    {
        var font = With(LabelFont.CommonPaths[0]);

        font.Typeface!.FamilyName.Should().Be("Noto Sans CJK SC");
    }

    [Fact]
    public void AConfiguredFileThatIsMissingFallsBackToTheCommonPlaces()
    {
        var font = With("/nowhere/font.ttc");

        font.Typeface.Should().NotBeNull();
    }
}
