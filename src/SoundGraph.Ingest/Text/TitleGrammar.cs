using System.Buffers;
using System.Collections.Frozen;
using System.Text.RegularExpressions;

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

    // (?<!\s): a match starts where a whitespace run starts, so long runs of spaces stay linear.
    [GeneratedRegex(@"(?<!\s)\s+[-–—]\s+")]
    private static partial Regex DashSeparator();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}_])(?:(?<feat>featuring|feat\.?|ft\.?)|(?<with>w/|with)|(?<prod>prod(?:uced|\.)?\s*by|prod\.?)|(?<remix>(?:remix(?:ed)?|rmx|re-?edit(?:ed)?|rework(?:ed)?|bootleg(?:ged)?|flip(?:ped)?)\s+by))(?:(?<=[./])|(?![\p{L}\p{N}]))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreditKeyword();

    [GeneratedRegex(
        @"(?<!\s)\s*[|;:\r\n]|//|\s[-–—]\s|(?i:https?://|www\.)|(?<=[\p{L}\p{N}]{3})\.(?=\s|$)|[!?](?=\s|$)|(?<!\s)\s*[,&]?\s*(?:and\s+)?(?<![\p{L}\p{N}])\p{Ll}+ed\s+by(?![\p{L}\p{N}])|(?<!\s)\s+(?:for|from|on|at|in|out|via|who|is|was|to|with)(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex ListTerminator();
}
