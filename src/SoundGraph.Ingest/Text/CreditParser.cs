using System.Text.RegularExpressions;
using SoundGraph.Core.Identity;

namespace SoundGraph.Ingest.Text;

/// <summary>Reads the names credited in a track title and description, the way SoundCloud and Spotify titles write them.</summary>
/// <remarks>
/// <para>Rules, applied to the title:</para>
/// <list type="bullet">
/// <item><b>Featured</b>: "feat. X", "feat X", "ft. X", "ft X", "featuring X", in parentheses, brackets or bare.</item>
/// <item><b>With</b>: "(with X)" / "[with X]" (only right after an opening bracket: a bare "with" is part of too many titles,
/// "Dancing with a Stranger"), and "w/ X" anywhere.</item>
/// <item><b>Collaborator</b> / <b>Versus</b>: in an "Artist - Title" upload (see <see cref="SplitArtistTitle"/>), an artist
/// part that names two or more artists ("A x B", "A &amp; B", "A, B") makes each a Collaborator, or each a Versus when
/// a "vs" / "vs." / "v." joins them. A single name in the artist part is usually the uploader and is not reported.</item>
/// <item><b>Remixer</b>: a bracket group whose last word is a remix word ("(Deadmau5 Remix)", "[Flume Remix]",
/// "(Kygo Edit)", "(X Bootleg)", "(X Flip)", "(X Rework)", "(X VIP)"), a final " - X Remix" segment (the Spotify style,
/// "Lean On - Dirty Audio Remix"), and "remixed by X" / "remix by X" / "rework(ed) by X".</item>
/// <item><b>Producer</b>: "prod. X", "prod. by X", "prod by X", "produced by X", and "(prod X)" in a bracket.</item>
/// <item><b>Mention</b>: "@permalink": an "@" at the start or after whitespace or punctuation (not after a letter, digit,
/// "_", "-", "." or "@", so "dj@example.com" is not a mention), then permalink characters (Unicode letters, digits, "_",
/// "-"); not when followed by "." and a letter or digit ("@gmail.com" is a domain). The name is the permalink.</item>
/// </list>
/// <para>The description is read for Featured, Producer, Remixer ("remixed by"), "(with X)" and mentions only: it has no
/// artist part, and bracketed remix credits or "w/" there belong to tracklists and chatter more often than to this track.
/// Lines that start like tracklist entries ("1. ", "02) ", "00:00", "[12:34]") are skipped: their credits belong to
/// other tracks.</para>
/// <para>A credit's names run to the end of its bracket, or for a bare credit to the next bracket, keyword, " - ", "|",
/// line break, sentence end or lower-case joining word ("for", "on", "and mixed by", …). Lists split on ",", "&amp;",
/// " and ", " x ", " + ", " / ", " vs " ("feat. A, B &amp; C" → A, B, C). Multi-word and non-Latin names are kept whole
/// ("feat. Sigur Rós", "ft. Мумий Тролль", "feat. 宇多田ヒカル"). Words that are not names produce nothing ("Original Mix",
/// "Extended Mix", "Radio Edit", "VIP", "(Remix)", "Official Video").</para>
/// <para>Output order: title before description, then by position in the text; repeats of a name (compared by
/// <see cref="NameNormalizer.MatchKey"/>) with the same kind are dropped, the first spelling kept; one name may appear
/// with two kinds ("A x B - Song (A Remix)").</para>
/// <para>Known limits: names that contain a separator are split ("Simon &amp; Garfunkel" is kept only because it is in a
/// short list of well-known acts; an unknown "A &amp; B" duo becomes two names), while a separator before "The" never
/// splits ("Florence + The Machine", but also "feat. A &amp; The Weeknd" stays one name). "Artist - Song Remix" reads
/// "Song" as a remixer (it cannot be told from the Spotify style "Song - X Remix"). "Song - Part 2" reads "Song" as
/// the artist part. A credit in a language other than English ("avec", "con") is not recognised.</para>
/// </remarks>
public static partial class CreditParser
{
    /// <summary>Parses the credited names of a track.</summary>
    /// <param name="title">The track title; null or blank gives no credits from it.</param>
    /// <param name="description">The track description, optional.</param>
    /// <returns>The credited names in the order described on <see cref="CreditParser"/>; empty when none.</returns>
    public static IReadOnlyList<CreditedEntity> Parse(string? title, string? description = null)
    {
        var found = new List<(int Position, CreditedEntity Entity)>();
        if (!string.IsNullOrWhiteSpace(title))
        {
            ReadTitle(title, found);
        }

        if (!string.IsNullOrWhiteSpace(description))
        {
            var offset = (title?.Length ?? 0) + 1;
            var before = found.Count;
            var text = TracklistLine().Replace(description, m => new string(' ', m.Length));
            ReadCredits(text, TitleGrammar.FindKeywords(text, allowBareW: false), found);
            ReadMentions(text, found);
            for (var i = before; i < found.Count; i++)
            {
                found[i] = (found[i].Position + offset, found[i].Entity);
            }
        }

        var seen = new HashSet<(CreditKind, string)>();
        var result = new List<CreditedEntity>(found.Count);
        foreach (var (_, entity) in found.OrderBy(f => f.Position))
        {
            if (seen.Add((entity.Kind, NameNormalizer.MatchKey(entity.Name))))
            {
                result.Add(entity);
            }
        }

        return result;
    }

    /// <summary>Splits an "Artist - Title" upload into the names of its artist part and the rest.</summary>
    /// <param name="title">The track title.</param>
    /// <returns>The artist names (main artists, then any "feat." / "w/" names written in the artist part, in order) and
    /// the title after the first separator, trimmed and otherwise unchanged (its own credits stay in it). When the text
    /// has no artist part, no names and the whole title, trimmed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    /// <remarks>The separator is " - ", " – " or " — " with whitespace on both sides, outside brackets ("Jay-Z" is not
    /// split). A title with one separator whose right side is a version tag ("Song - Radio Edit", "Yesterday - Remastered
    /// 2009", "Lean On - Dirty Audio Remix") has no artist part. Names split as in <see cref="Parse"/> ("A x B", "A &amp;
    /// B", "A vs. B"). Limit: "Song - Part 2" reads "Song" as the artist.</remarks>
    public static (IReadOnlyList<string> Artists, string Title) SplitArtistTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var groups = TitleGrammar.FindGroups(title);
        var (artistEnd, titleStart, _) = TitleGrammar.ArtistPart(title, groups);
        if (artistEnd < 0)
        {
            return ([], title.Trim());
        }

        var keywords = TitleGrammar.FindKeywords(title, allowBareW: true);
        var namesEnd = MainArtistsEnd(artistEnd, groups, keywords);
        var artists = TitleGrammar.SplitNames(title, 0, namesEnd).Names.ConvertAll(n => n.Name);
        for (var i = 0; i < keywords.Count && keywords[i].Start < artistEnd; i++)
        {
            if (keywords[i].Kind is CreditKind.Featured or CreditKind.With)
            {
                var end = Math.Min(artistEnd, TitleGrammar.ListEnd(title, keywords[i].ListStart, NextStart(keywords, i, title.Length)));
                artists.AddRange(TitleGrammar.SplitNames(title, keywords[i].ListStart, end).Names.Select(n => n.Name));
            }
        }

        var rest = title[titleStart..].Trim();
        return artists.Count == 0 ? ([], rest) : (artists, rest);
    }

    private static void ReadTitle(string title, List<(int, CreditedEntity)> found)
    {
        var groups = TitleGrammar.FindGroups(title);
        var keywords = TitleGrammar.FindKeywords(title, allowBareW: true);

        var (artistEnd, _, suffix) = TitleGrammar.ArtistPart(title, groups);
        if (artistEnd >= 0)
        {
            var (names, versus) = TitleGrammar.SplitNames(title, 0, MainArtistsEnd(artistEnd, groups, keywords));
            if (names.Count >= 2)
            {
                var kind = versus ? CreditKind.Versus : CreditKind.Collaborator;
                found.AddRange(names.Select(n => (n.Position, new CreditedEntity(n.Name, kind))));
            }
        }

        foreach (var g in groups)
        {
            // A remix credit is the bracket's text before any keyword in it: "(X Remix feat. Y)".
            var inner = keywords.FindIndex(k => k.Start > g.Open && k.Start < g.Close);
            var headEnd = inner >= 0 ? keywords[inner].Start : g.Close;
            AddRemixer(title, g.InnerStart, headEnd, found);
        }

        if (suffix is { } s)
        {
            AddRemixer(title, s.Start, s.End, found);
        }

        ReadCredits(title, keywords, found);
        ReadMentions(title, found);
    }

    private static void ReadCredits(string text, List<TitleGrammar.Keyword> keywords, List<(int, CreditedEntity)> found)
    {
        for (var i = 0; i < keywords.Count; i++)
        {
            var end = TitleGrammar.ListEnd(text, keywords[i].ListStart, NextStart(keywords, i, text.Length));
            foreach (var n in TitleGrammar.SplitNames(text, keywords[i].ListStart, end).Names)
            {
                found.Add((n.Position, new CreditedEntity(n.Name, keywords[i].Kind)));
            }
        }
    }

    private static void AddRemixer(string text, int start, int end, List<(int, CreditedEntity)> found)
    {
        if (TitleGrammar.RemixerSpan(text, start, end) is { } span)
        {
            foreach (var n in TitleGrammar.SplitNames(text, span.Start, span.End).Names)
            {
                found.Add((n.Position, new CreditedEntity(n.Name, CreditKind.Remixer)));
            }
        }
    }

    private static void ReadMentions(string text, List<(int, CreditedEntity)> found)
    {
        foreach (Match m in Mention().Matches(text))
        {
            var permalink = m.Groups["p"].Value;
            if (permalink.Any(char.IsLetterOrDigit))
            {
                found.Add((m.Groups["p"].Index, new CreditedEntity(permalink, CreditKind.Mention)));
            }
        }
    }

    /// <summary>The main artists of the artist part end at its first keyword or bracket ("A feat. B - Song").</summary>
    private static int MainArtistsEnd(int artistEnd, List<TitleGrammar.Group> groups, List<TitleGrammar.Keyword> keywords)
    {
        var end = TitleGrammar.NextGroupOpen(groups, 0, artistEnd);
        return keywords.Count > 0 && keywords[0].Start < end ? keywords[0].Start : end;
    }

    private static int NextStart(List<TitleGrammar.Keyword> keywords, int i, int fallback) =>
        i + 1 < keywords.Count ? keywords[i + 1].Start : fallback;

    [GeneratedRegex(@"^[ \t]*(?:\d{1,3}[.)][ \t]|\[?\d{1,2}:\d{2}(?::\d{2})?\]?).*$", RegexOptions.Multiline)]
    private static partial Regex TracklistLine();

    [GeneratedRegex(@"(?<![\p{L}\p{N}\p{M}_.@-])@(?<p>(?>[\p{L}\p{N}\p{M}_-]+))(?!\.[\p{L}\p{N}])")]
    private static partial Regex Mention();
}
