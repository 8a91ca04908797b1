using System.Collections.Frozen;
using System.Text.RegularExpressions;
using SoundGraph.Core.Identity;

namespace SoundGraph.Ingest.Text;

/// <summary>Name lists: splitting "A, B &amp; C", cleaning each name, and the name inside a remix credit.</summary>
internal static partial class TitleGrammar
{
    /// <summary>A name with the index it starts at.</summary>
    internal readonly record struct NameSpan(string Name, int Position);

    /// <summary>Names that contain a list separator and must not be split ("Above &amp; Beyond", "Earth, Wind &amp; Fire"),
    /// as <see cref="NameNormalizer.Normalize"/> keys. A short list of well-known acts, not a catalogue.</summary>
    private static readonly FrozenSet<string> JoinedNames = FrozenSet.ToFrozenSet(
        [
            "above and beyond", "chase and status", "simon and garfunkel", "hall and oates", "years and years",
            "mumford and sons", "iron and wine", "earth wind and fire", "crosby stills nash and young", "belle and sebastian",
            "angus and julia stone", "peter bjorn and john", "sam and dave", "of monsters and men", "nico and vinz",
            "dimitri vegas and like mike", "w and w", "aly and fila", "lucas and steve", "matisse and sadko",
            "sunnery james and ryan marciano", "salt n pepa", "ike and tina turner", "brooks and dunn",
        ],
        StringComparer.Ordinal);

    /// <summary>Words that are not names when they are all a credit holds ("feat. Various Artists", "prod. by me").</summary>
    private static readonly FrozenSet<string> NotNames = FrozenSet.ToFrozenSet(
        [
            "original mix", "extended mix", "radio edit", "club mix", "vip", "vip mix", "remix", "mix", "edit", "original",
            "official video", "official audio", "official music video", "lyrics", "lyric video", "free download", "out now",
            "more", "others", "and more", "friends", "various artists", "various", "tba", "tbc", "tbd", "unknown", "n a",
            "me", "myself", "you", "him", "her", "them", "us", "the", "and", "everyone", "everybody",
        ],
        StringComparer.Ordinal);

    /// <summary>Splits a name list on "," (also ", and"), "&amp;", " + ", " / ", " and ", " x ", " × ", " vs ", " vs. ", " v. " and returns
    /// the cleaned names with their positions, and whether a "vs" separator was seen. A separator followed by "The "
    /// does not split ("Florence + The Machine", "Tyler, The Creator"), and a few well-known names that contain a
    /// separator are kept whole (<see cref="JoinedNames"/>). Names are trimmed of surrounding punctuation and brackets;
    /// a piece with no letter or digit, of more than six words (a sentence, not a name), or one of the non-name words
    /// ("Various Artists", "me", "Original Mix"), or one that starts with a lower-case function word ("a great feat of
    /// engineering" gives no "of engineering") is dropped. " x ", " and ", " vs " split only before a letter, digit or
    /// "@" ("Lil Nas X &amp; Billy Ray Cyrus" splits at "&amp;", not at " X ").</summary>
    internal static (List<NameSpan> Names, bool Versus) SplitNames(string text, int start, int end)
    {
        var pieces = new List<(int Start, int End)>();
        var versus = false;
        var pieceStart = start;
        foreach (var sep in ListSeparator().EnumerateMatches(text.AsSpan(0, end), start))
        {
            if (sep.Index < pieceStart)
            {
                continue;
            }

            var after = sep.Index + sep.Length;
            var sepText = text.AsSpan(sep.Index, sep.Length).Trim();
            if (sepText.Length > 0 && sepText[0] is ',' or '&' or '+' or 'a' or 'A' && TheFollows().IsMatch(text, after))
            {
                continue;
            }

            versus |= sepText[0] is 'v' or 'V';
            pieces.Add((pieceStart, sep.Index));
            pieceStart = after;
        }

        pieces.Add((pieceStart, end));
        var names = new List<NameSpan>();
        for (var i = 0; i < pieces.Count; i++)
        {
            var j = JoinedNameEnd(text, pieces, i);
            var (s, e) = (pieces[i].Start, pieces[j].End);
            i = j;
            var (ts, te) = Trim(text, s, e);
            if (te <= ts)
            {
                continue;
            }

            var name = text[ts..te];
            var key = NameNormalizer.Normalize(name);
            if (key.Length == 0 || NotNames.Contains(key) || key.Count(c => c == ' ') >= 6 || LowerFunctionWord().IsMatch(name))
            {
                continue;
            }

            names.Add(new NameSpan(name, ts));
        }

        return (names, versus);
    }

    /// <summary>The name a remix credit holds in <c>text[start..end)</c>, as a span, or null: the last word must be a
    /// remix word (<see cref="RemixEndings"/>); trailing version descriptors, numbers and lone punctuation are stripped
    /// ("Kaskade Extended Club Mix" → "Kaskade", "2020 Remix" → nothing); a possessive cuts the name ("Tiësto's Big
    /// Room Remix" → "Tiësto").</summary>
    internal static (int Start, int End)? RemixerSpan(string text, int start, int end)
    {
        var words = Words(text, start, end);
        if (words.Count == 0 || !RemixEndings.Contains(WordKey(text, words[^1])))
        {
            return null;
        }

        var keep = words.Count;
        while (keep > 0)
        {
            var key = WordKey(text, words[keep - 1]);
            if (!VersionDescriptors.Contains(key) && key.Any(char.IsLetter))
            {
                break;
            }

            keep--;
        }

        if (keep == 0)
        {
            return null;
        }

        var spanStart = words[0].Start;
        var spanEnd = words[keep - 1].End;
        var possessive = Possessive().Match(text, spanStart, spanEnd - spanStart);
        if (possessive.Success)
        {
            spanEnd = possessive.Index;
        }

        return spanEnd > spanStart ? (spanStart, spanEnd) : null;
    }

    private static int JoinedNameEnd(string text, List<(int Start, int End)> pieces, int i)
    {
        for (var j = Math.Min(pieces.Count - 1, i + 4); j > i; j--)
        {
            if (JoinedNames.Contains(NameNormalizer.Normalize(text[pieces[i].Start..pieces[j].End])))
            {
                return j;
            }
        }

        return i;
    }

    /// <summary>Trims whitespace, brackets, quotes and punctuation from both ends of a name; "@"/"#" from its start; a
    /// trailing "." only after a word of three or more letters ("Dre." → "Dre", but "T.I." and "Jr." keep theirs).</summary>
    private static (int Start, int End) Trim(string text, int s, int e)
    {
        const string both = ".,;:!?-–—\"“”«»()[]{}*~|/\\";
        while (s < e && (char.IsWhiteSpace(text[s]) || both.Contains(text[s], StringComparison.Ordinal) || text[s] is '@' or '#' or '\'' or '‘' or '’'))
        {
            s++;
        }

        while (e > s && (char.IsWhiteSpace(text[e - 1]) || (both.Contains(text[e - 1], StringComparison.Ordinal) && text[e - 1] != '.')))
        {
            e--;
        }

        if (e > s && text[e - 1] == '.')
        {
            var letters = 0;
            for (var k = e - 2; k >= s && char.IsLetter(text[k]); k--)
            {
                letters++;
            }

            if (letters >= 3)
            {
                return Trim(text, s, e - 1);
            }
        }

        return (s, e);
    }

    [GeneratedRegex(@"(?<!\s)\s*(?:,(?:\s*and(?=\s))?|&|\+(?=\s)|(?<=\s)/(?=\s))\s*|(?<!\s)\s+(?:and|x|×|vs\.?|v\.)\s+(?=[\p{L}\p{N}@])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"^(?:of|the|a|an|to|in|on|at|for|from|with|by|and|or|my|our|your|his|her|their|this|that|these|those|it|is|was)(?![\p{L}\p{N}])")]
    private static partial Regex LowerFunctionWord();

    [GeneratedRegex(@"\G(?i:the)\s")]
    private static partial Regex TheFollows();

    [GeneratedRegex(@"['’]s(?![\p{L}\p{N}])")]
    private static partial Regex Possessive();
}
