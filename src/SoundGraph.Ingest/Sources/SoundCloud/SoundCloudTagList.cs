using System.Text;
using System.Text.RegularExpressions;

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>Splits a SoundCloud <c>tag_list</c> into tags.</summary>
/// <remarks>
/// The rule, one step at a time:
/// <list type="number">
/// <item>Tags are separated by whitespace; runs of whitespace count as one separator.</item>
/// <item>A double quote at the start of a tag opens a multi-word tag that runs to the next double quote
/// (<c>"drum and bass"</c> → <c>drum and bass</c>); whitespace inside it is collapsed to single spaces and trimmed.
/// An unterminated quote takes the rest of the text. A double quote inside a word is kept as a character.</item>
/// <item>Machine tags in Flickr's <c>namespace:predicate=value</c> form, such as <c>soundcloud:source=iphone-record</c> or
/// <c>geo:lat=52.1</c>, are metadata the uploader never typed and are left out.</item>
/// <item>Empty tags are dropped, and so are repeats (compared case-insensitively; the first spelling is kept).
/// Case is otherwise preserved.</item>
/// </list>
/// </remarks>
public static partial class SoundCloudTagList
{
    /// <summary>Parses a <c>tag_list</c>.</summary>
    /// <param name="tagList">The raw value; null or blank gives an empty list.</param>
    /// <returns>Tags in the order written.</returns>
    public static IReadOnlyList<string> Parse(string? tagList)
    {
        if (string.IsNullOrWhiteSpace(tagList))
        {
            return [];
        }

        var tags = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        var s = tagList;
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                i++;
                continue;
            }

            string raw;
            if (s[i] == '"')
            {
                var close = s.IndexOf('"', i + 1);
                var end = close < 0 ? s.Length : close;
                raw = CollapseWhitespace(s.AsSpan(i + 1, end - i - 1));
                i = close < 0 ? s.Length : close + 1;
            }
            else
            {
                var start = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]))
                {
                    i++;
                }

                raw = s[start..i];
            }

            if (raw.Length > 0 && !MachineTag().IsMatch(raw) && seen.Add(raw))
            {
                tags.Add(raw);
            }
        }

        return tags;
    }

    private static string CollapseWhitespace(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*:[A-Za-z0-9_]+=", RegexOptions.CultureInvariant)]
    private static partial Regex MachineTag();
}
