using RepairDispatch.Api.OldParts;

namespace RepairDispatch.Tests.OldParts;

public class OldPartTagsTests
{
    [Theory]
    [InlineData("jj7k3m9q", null)]            // one character short
    [InlineData("XX-0000000", null)]          // not our prefix
    [InlineData("JJ-U000000", null)]          // U is not in the alphabet
    [InlineData("", null)]
    public void WhatIsNotATagIsRefused(string typed, string? expected) => OldPartTags.Normalize(typed).Should().Be(expected);

    [Fact]
    public void ATagIsReadBackHoweverItIsTypedAndEverySingleWrongCharacterIsCaught()
    {
        for (var n = 0; n < 200; n++)
        {
            var tag = OldPartTags.New();
            OldPartTags.Normalize(tag).Should().Be(tag);
            OldPartTags.Normalize(" " + tag.ToLowerInvariant().Replace("-", "") + " ").Should().Be(tag);
            OldPartTags.Normalize(tag.Replace('0', 'O').Replace('1', 'I')).Should().Be(tag, "O and I are read as 0 and 1");
            for (var i = 3; i < tag.Length; i++)
                foreach (var other in "0123456789ABCDEFGHJKMNPQRSTVWXYZ".Where(ch => ch != tag[i]))
                    OldPartTags.Normalize(tag[..i] + other + tag[(i + 1)..]).Should().BeNull($"{other} at {i} is a typo of {tag}");
        }
    }
}
