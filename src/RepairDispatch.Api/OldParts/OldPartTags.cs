using System.Security.Cryptography;
using System.Text;

namespace RepairDispatch.Api.OldParts;

/// <summary>
/// Old-part tags: "JJ-" (旧件) and seven characters of Crockford's base32 — six random, the last a Luhn mod 32 check
/// character — e.g. JJ-7K3M9QX. Short enough to type at the desk from a dirty label, with no I/L/O/U to misread; a
/// scanner types the same text. The check character turns a typo into "not a tag" instead of someone else's part.
/// </summary>
public static class OldPartTags
{
    public const string Prefix = "JJ-";
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int BodyLength = 6;

    public static string New()
    {
        Span<char> body = stackalloc char[BodyLength];
        for (var i = 0; i < BodyLength; i++) body[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return Prefix + new string(body) + Alphabet[CheckValue(body)];
    }

    /// <summary>The tag as stored, from what was typed or scanned (any case, spaces or hyphens, O for 0, I or L for 1); null when it is not a valid tag.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var text = new StringBuilder();
        foreach (var ch in typed.Trim().ToUpperInvariant())
            if (ch is not ('-' or ' ' or '_')) text.Append(ch);
        if (text.Length != 2 + BodyLength + 1 || text[0] != 'J' || text[1] != 'J') return null;
        var chars = new char[BodyLength + 1];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = text[i + 2] switch { 'O' => '0', 'I' or 'L' => '1', var c => c };
            if (!Alphabet.Contains(chars[i])) return null;
        }
        return CheckValue(chars.AsSpan(0, BodyLength)) == Alphabet.IndexOf(chars[BodyLength]) ? Prefix + new string(chars) : null;
    }

    // Luhn mod N over the alphabet's values: catches every single wrong character and most swaps of neighbours.
    private static int CheckValue(ReadOnlySpan<char> body)
    {
        const int n = 32;
        var (sum, factor) = (0, 2);
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(body[i]);
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return (n - sum % n) % n;
    }
}
