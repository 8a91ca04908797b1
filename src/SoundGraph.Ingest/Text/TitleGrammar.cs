using System.Buffers;
using System.Collections.Frozen;
using System.Text.RegularExpressions;
using SoundGraph.Core.Identity;

namespace SoundGraph.Ingest.Text;

/// <summary>The pieces of title grammar that <see cref="CreditParser"/> and <see cref="TitleTerms"/> share: bracket
/// groups, "Artist - Title" separators, credit keywords and where their name lists end, name-list splitting and the
/// version words ("Remix", "Radio Edit") that are not names. All indices are UTF-16 offsets into the text given.</summary>
internal static partial class TitleGrammar
{
    /// <summary>A top-level bracket group: <see cref="Open"/> is the index of "(", "[" or "{"; <see cref="Close"/> the
    /// index of its closing bracket, or the text length when it is never closed (truncated titles).</summary>
    internal readonly record struct Group(int Open, int Close)
    {
        public int InnerStart => Open + 1;
    }

    /// <summary>A credit keyword ("feat.", "w/", "prod. by", "remixed by", "(with") and where its name list starts.</summary>
    internal readonly record struct Keyword(int Start, int ListStart, CreditKind Kind);

    /// <summary>A name with the index it starts at.</summary>
    internal readonly record struct NameSpan(string Name, int Position);

    /// <summary>Last words that make a bracket or dash segment a remix credit: "(X Remix)", "[X Edit]", "(X VIP)".</summary>
    internal static readonly FrozenSet<string> RemixEndings = FrozenSet.ToFrozenSet(
        ["remix", "rmx", "mix", "edit", "re-edit", "reedit", "bootleg", "flip", "rework", "refix", "dub", "vip"],
        StringComparer.Ordinal);

    /// <summary>Words that describe a version rather than name someone: stripped from the end of a remix credit
    /// ("Kaskade Extended Club Mix" → "Kaskade"), and a credit made only of them names nobody ("Original Mix").</summary>
    internal static readonly FrozenSet<string> VersionDescriptors = FrozenSet.ToFrozenSet(
        [
            "remix", "remixes", "rmx", "mix", "edit", "re-edit", "reedit", "bootleg", "flip", "rework", "refix", "dub", "vip",
            "original", "extended", "radio", "club", "instrumental", "vocal", "acapella", "acappella", "acoustic", "official",
            "short", "long", "main", "clean", "dirty", "explicit", "album", "single", "continuous", "dj", "festival",
            "house", "techno", "trance", "deep", "tech", "progressive", "melodic", "bass", "drum", "dance", "garage",
            "dubstep", "trap", "hardstyle", "future", "remastered", "remaster", "version", "live", "special", "alternate",
            "alt", "bonus", "new", "unofficial", "free", "slowed", "reverb", "sped", "up", "nightcore", "private", "unreleased",
            "summer", "winter", "intro", "outro", "tribute", "mashup",
        ],
        StringComparer.Ordinal);

    /// <summary>Last words that make the final " - " segment a version suffix rather than a title
    /// ("Yesterday - Remastered 2009", "Song - Live", "Song - Single", "Hello - Adele Cover", "Lean On - Dirty Audio Remix").</summary>
    private static readonly FrozenSet<string> VersionSegmentEndings = FrozenSet.ToFrozenSet(
        [
            .. RemixEndings, "version", "remaster", "remastered", "mono", "stereo", "instrumental", "acapella", "demo", "acoustic",
            "live", "single", "cover", "mashup",
        ],
        StringComparer.Ordinal);

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

    private static readonly SearchValues<char> Brackets = SearchValues.Create("()[]{}");

    /// <summary>Finds the top-level bracket groups. "(", "[" and "{" open, any closing bracket closes (mismatched pairs in
    /// user titles are common and read as closed); an unclosed group runs to the end of the text.</summary>
    internal static List<Group> FindGroups(string text)
    {
        var groups = new List<Group>();
        var depth = 0;
        var open = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch is '(' or '[' or '{')
            {
                if (depth++ == 0)
                {
                    open = i;
                }
            }
            else if (ch is ')' or ']' or '}' && depth > 0 && --depth == 0)
            {
                groups.Add(new Group(open, i));
            }
        }

        if (depth > 0)
        {
            groups.Add(new Group(open, text.Length));
        }

        return groups;
    }

    /// <summary>The " - " / " – " / " — " separators (whitespace on both sides) that lie outside bracket groups, as
    /// (start, end) index pairs.</summary>
    internal static List<(int Start, int End)> FindDashSeparators(string text, List<Group> groups)
    {
        var result = new List<(int, int)>();
        foreach (Match m in DashSeparator().Matches(text))
        {
            if (!groups.Exists(g => m.Index > g.Open && m.Index < g.Close))
            {
                result.Add((m.Index, m.Index + m.Length));
            }
        }

        return result;
    }

    /// <summary>Where the artist part of an "Artist - Title" text ends (the start of the first dash separator), or -1 when
    /// the text has none: no separator, or a single one whose right side is a version suffix ("Song - Radio Edit",
    /// "Lean On - Dirty Audio Remix"). Also returns the separators and the version-suffix segment (or null).</summary>
    internal static (int ArtistEnd, int TitleStart, (int Start, int End)? VersionSuffix) ArtistPart(string text, List<Group> groups)
    {
        var seps = FindDashSeparators(text, groups);
        if (seps.Count == 0)
        {
            return (-1, 0, null);
        }

        var lastStart = seps[^1].End;
        var lastEnd = NextGroupOpen(groups, lastStart, text.Length);
        (int, int)? suffix = IsVersionSegment(text, lastStart, lastEnd) ? (lastStart, lastEnd) : null;
        var titleSeparators = suffix is null ? seps.Count : seps.Count - 1;
        return titleSeparators >= 1 ? (seps[0].Start, seps[0].End, suffix) : (-1, 0, suffix);
    }

    /// <summary>True when the segment reads as a version tag: its last word is a remix or version word ("X Remix",
    /// "Radio Edit", "2011 Remaster", "Live"), or it starts with "Remastered" or "Live at/from/in/on".</summary>
    internal static bool IsVersionSegment(string text, int start, int end)
    {
        var words = Words(text, start, end);
        if (words.Count == 0)
        {
            return false;
        }

        var first = WordKey(text, words[0]);
        return VersionSegmentEndings.Contains(WordKey(text, words[^1]))
            || first is "remastered" or "remaster"
            || (first == "live" && words.Count > 1 && WordKey(text, words[1]) is "at" or "from" or "in" or "on");
    }

    /// <summary>The first bracket that opens at or after <paramref name="from"/>, or <paramref name="fallback"/>.</summary>
    internal static int NextGroupOpen(List<Group> groups, int from, int fallback)
    {
        foreach (var g in groups)
        {
            if (g.Open >= from)
            {
                return Math.Min(g.Open, fallback);
            }
        }

        return fallback;
    }

    /// <summary>Finds the credit keywords of a text, in order. "feat." / "ft." / "featuring" (dot optional), "prod." /
    /// "prod. by" / "produced by", "remixed by" / "remix by" / "rework(ed) by" / "bootleg by" / "flip(ped) by" /
    /// "re-edit(ed) by" count anywhere; "with" and a bare "prod" only right after an opening bracket ("(with Justin
    /// Bieber)": a bare "with" is too often part of a title, "Dancing with a Stranger"); "w/" anywhere when
    /// <paramref name="allowBareW"/>, else only after an opening bracket.</summary>
    internal static List<Keyword> FindKeywords(string text, bool allowBareW)
    {
        var result = new List<Keyword>();
        foreach (Match m in CreditKeyword().Matches(text))
        {
            var atBracketStart = AfterOpeningBracket(text, m.Index);
            CreditKind kind;
            if (m.Groups["feat"].Success)
            {
                kind = CreditKind.Featured;
            }
            else if (m.Groups["with"].Success)
            {
                var isW = m.Groups["with"].Value.EndsWith('/');
                if (!atBracketStart && !(isW && allowBareW))
                {
                    continue;
                }

                kind = CreditKind.With;
            }
            else if (m.Groups["prod"].Success)
            {
                var bare = !m.Value.Contains('.', StringComparison.Ordinal) && !m.Value.EndsWith("by", StringComparison.OrdinalIgnoreCase);
                if (bare && !atBracketStart)
                {
                    continue;
                }

                kind = CreditKind.Producer;
            }
            else
            {
                kind = CreditKind.Remixer;
            }

            var listStart = m.Index + m.Length;
            while (listStart < text.Length && (char.IsWhiteSpace(text[listStart]) || text[listStart] == ':'))
            {
                listStart++;
            }

            result.Add(new Keyword(m.Index, listStart, kind));
        }

        return result;
    }

    /// <summary>Where the name list of a keyword that starts its list at <paramref name="listStart"/> ends: at the next
    /// keyword, the next bracket, a " - " separator, "|", ";", ":", "//", a line break, a URL, a sentence end ("." after a
    /// word of three or more letters, so "Dr. Dre" and "T.I." survive; "!" or "?" before a space), a lower-case
    /// "... by" clause ("and mixed by"), or a lower-case joining word ("for", "from", "on", "at", "in", "out", "via",
    /// "who", "is", "was", "to", "with").</summary>
    internal static int ListEnd(string text, int listStart, int nextKeywordStart)
    {
        var limit = Math.Min(nextKeywordStart, text.Length);
        var bracket = text.AsSpan(listStart, limit - listStart).IndexOfAny(Brackets);
        if (bracket >= 0)
        {
            limit = listStart + bracket;
        }

        var m = ListTerminator().Match(text, listStart, limit - listStart);
        return m.Success ? m.Index : limit;
    }

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

    /// <summary>The whitespace-separated words of <c>text[start..end)</c> as (start, end) spans.</summary>
    internal static List<(int Start, int End)> Words(string text, int start, int end)
    {
        var words = new List<(int, int)>();
        var i = start;
        while (i < end)
        {
            while (i < end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var s = i;
            while (i < end && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > s)
            {
                words.Add((s, i));
            }
        }

        return words;
    }

    /// <summary>A word lower-cased and trimmed of surrounding punctuation, for set look-ups.</summary>
    internal static string WordKey(string text, (int Start, int End) word)
    {
        var (s, e) = (word.Start, word.End);
        while (s < e && !char.IsLetterOrDigit(text[s]))
        {
            s++;
        }

        while (e > s && !char.IsLetterOrDigit(text[e - 1]))
        {
            e--;
        }

        return text[s..e].ToLowerInvariant();
    }

    private static bool AfterOpeningBracket(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        return i >= 0 && text[i] is '(' or '[' or '{';
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

    [GeneratedRegex(@"\s+[-–—]\s+")]
    private static partial Regex DashSeparator();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}_])(?:(?<feat>featuring|feat\.?|ft\.?)|(?<with>w/|with)|(?<prod>prod(?:uced|\.)?\s*by|prod\.?)|(?<remix>(?:remix(?:ed)?|rmx|re-?edit(?:ed)?|rework(?:ed)?|bootleg(?:ged)?|flip(?:ped)?)\s+by))(?:(?<=[./])|(?![\p{L}\p{N}]))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreditKeyword();

    [GeneratedRegex(
        @"\s*[|;:\r\n]|//|\s[-–—]\s|(?i:https?://|www\.)|(?<=[\p{L}\p{N}]{3})\.(?=\s|$)|[!?](?=\s|$)|\s*[,&]?\s*(?:and\s+)?(?<![\p{L}\p{N}])\p{Ll}+ed\s+by(?![\p{L}\p{N}])|\s+(?:for|from|on|at|in|out|via|who|is|was|to|with)(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex ListTerminator();

    [GeneratedRegex(@"\s*(?:,(?:\s*and(?=\s))?|&|\+(?=\s)|(?<=\s)/(?=\s))\s*|\s+(?:and|x|×|vs\.?|v\.)\s+(?=[\p{L}\p{N}@])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"^(?:of|the|a|an|to|in|on|at|for|from|with|by|and|or|my|our|your|his|her|their|this|that|these|those|it|is|was)(?![\p{L}\p{N}])")]
    private static partial Regex LowerFunctionWord();

    [GeneratedRegex(@"\G(?i:the)\s")]
    private static partial Regex TheFollows();

    [GeneratedRegex(@"['’]s(?![\p{L}\p{N}])")]
    private static partial Regex Possessive();
}
