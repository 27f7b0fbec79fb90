using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.OldParts;

internal static class OldPartProblems
{
    /// <summary>Typed or scanned tags as stored; the first that is not a tag, or is listed twice, refuses the request naming it (`tags[i]`).</summary>
    public static IResult? Tags(IReadOnlyList<string>? typed, out List<string> tags)
    {
        tags = [];
        for (var i = 0; i < (typed?.Count ?? 0); i++)
        {
            if (OldPartTags.Normalize(typed![i]) is not { } tag) return Problems.Validation($"tags[{i}]", Codes.OldPart.NotATag.With(typed[i]));
            if (tags.Contains(tag)) return Problems.Validation($"tags[{i}]", Codes.OldPart.TagTwice.With(tag));
            tags.Add(tag);
        }
        return null;
    }

    /// <summary>409: the part's status does not allow the step (named as an action word).</summary>
    public static IResult WrongStatus(OldPartRow part, Text action) =>
        Problems.Conflict("old-part-status", Codes.OldPart.WrongStatus.With(part.Tag, Codes.Word(part.State), action),
            new Dictionary<string, object?> { ["currentStatus"] = part.Status, ["tag"] = part.Tag });
}
