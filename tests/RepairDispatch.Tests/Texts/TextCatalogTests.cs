using System.Globalization;
using System.Reflection;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Tests.Texts;

/// <summary>Every code of the catalog has a text in both languages, each with exactly the code's placeholders.</summary>
public class TextCatalogTests
{
    public static TheoryData<string> Languages => new() { "zh-CN", "en" };

    internal static IEnumerable<Code> AllCodes()
    {
        var fields = typeof(Codes).GetNestedTypes().Prepend(typeof(Codes))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(Code));
        var words = Codes.WordPrefixes.SelectMany(p => Enum.GetNames(p.Key).Select(v => new Code($"{p.Value}.{v}")));
        var lists = Codes.RunActions.Select(a => "run-action." + a).Concat(Codes.EventKinds.Select(k => "event." + k))
            .Concat(Codes.PatchFields.Select(f => "field." + f)).Concat(Codes.SlaDeadlines.Select(d => "sla-deadline." + d))
            .Concat(Codes.PlanPhases.Select(p => "plan-phase." + p))
            .Concat(Codes.Kpis.Figures.SelectMany(f => new[] { "kpis.name." + f, "kpis.def." + f }))
            .Select(name => new Code(name));
        return fields.Select(f => (Code)f.GetValue(null)!).Concat(words).Concat(lists);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryCodeHasATextWithExactlyItsPlaceholders(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var codes = AllCodes().ToList();
        codes.Should().HaveCountGreaterThan(30);

        foreach (var code in codes)
        {
            var template = Text.Template(code.Name, culture);
            template.Should().NotBeNullOrWhiteSpace($"{code.Name} needs a {language} text");
            Text.Placeholder().Matches(template!).Select(m => m.Groups[1].Value).Distinct()
                .Should().BeEquivalentTo(code.ArgNames, $"the {language} text of {code.Name} is \"{template}\"");
        }
    }

    [Fact]
    public void ChineseTextsAreChineseNotACopyOfTheEnglish()
    {
        var copied = AllCodes().Where(c => c.Name != Codes.Legacy.Name && c.Name != Codes.Said.Name)
            .Where(c => Text.Template(c.Name, Localization.Chinese) == Text.Template(c.Name, Localization.English))
            .Select(c => c.Name);

        copied.Should().BeEmpty();
    }

    [Fact]
    public void ACodeRefusesTheWrongNumberOfArguments()
    {
        var wrong = () => Codes.Warranty.Override.With("one", "two");

        wrong.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void StoredArgumentsRenderLikeTheOriginal()
    {
        var text = Codes.Warranty.WholeUnitContract.With(12, "2025-11-22", "2026-11-21", "海尔", Codes.Word(RepairDispatch.Api.Customers.ApplianceCategory.Tv));

        var stored = Text.Stored(text.Code, text.StoredArgs());

        stored.Render(Localization.Chinese).Should().Be(text.Render(Localization.Chinese)).And.Contain("彩电").And.Contain("12个月");
        stored.Render(Localization.English).Should().Be(text.Render(Localization.English)).And.Contain("TV");
    }
}

public class ExportTextTests
{
    [Fact]
    public void ExportHeadersAndLabelsComeFromTheTextsInBothLanguages()
    {
        foreach (var columns in new[] { RepairDispatch.Api.Settlements.ExportColumns.En, RepairDispatch.Api.Settlements.ExportColumns.Zh })
            columns.LineHeaders.Concat(columns.SummaryHeaders).Append(columns.YesNo(true)).Should().NotContain(h => h.StartsWith("export."));
        RepairDispatch.Api.Settlements.ExportColumns.LineKinds.Select(RepairDispatch.Api.Settlements.ExportColumns.Zh.Label)
            .Should().NotContain(l => l.StartsWith("line-kind.")).And.OnlyHaveUniqueItems();
    }
}
