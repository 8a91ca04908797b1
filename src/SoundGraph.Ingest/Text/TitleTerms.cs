using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SoundGraph.Ingest.Text;

/// <summary>The key terms of a track title, for a text search that looks for other uploads of the same song.</summary>
/// <remarks>
/// <para>Rules, in order: the text is put in Unicode NFC. The artist part of an "Artist - Title" upload is dropped (see
/// <see cref="CreditParser.SplitArtistTitle"/>): the terms describe the song, and the artist names would use up the
/// term budget. Bracket groups that hold a credit ("(feat. …)", "(with …)", "[prod. …]") or version information ("[… Remix]",
/// "(Original Mix)", "(Official Video)", "[Free Download]", "(2011 Remaster)") are removed, other bracket groups keep
/// their words ("Song (Part 2)"); a bare credit ("feat. X", "w/ X", "prod. X") is removed up to where its names end; a
/// version suffix segment ("- Radio Edit") and "@mentions" are removed. Terms are then runs of letters and digits
/// (<see cref="char.IsLetterOrDigit(char)"/>, plus combining marks inside a run, so "Björk", "Мумий", "宇多田ヒカル" and
/// Devanagari survive), apostrophes inside a word are dropped ("Don't" → "dont"), lower-cased invariantly; stop words
/// are removed (a short English list plus the music words feat, ft, featuring, remix, rmx, mix, edit, original, radio,
/// extended, version, official, video, audio, lyrics, prod, vip, bootleg, w, x, vs); repeats are removed, first order kept.</para>
/// <para>Limits: scripts written without spaces (Chinese, Japanese) give one term per run, not per word. "Song - Part 2"
/// reads "Song" as the artist part and keeps only "part", "2".</para>
/// </remarks>
public static partial class TitleTerms
{
    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
        [
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "if", "in", "into", "is", "it", "its", "of",
            "on", "or", "so", "than", "that", "the", "this", "to", "was", "were", "will", "with",
            "feat", "ft", "featuring", "remix", "rmx", "mix", "edit", "original", "radio", "extended", "version", "official",
            "video", "audio", "lyrics", "lyric", "prod", "produced", "vip", "bootleg", "w", "x", "vs",
        ],
        StringComparer.Ordinal);

    /// <summary>Words that make a bracket group noise rather than part of the title ("(Official Video)", "[Free DL]").</summary>
    private static readonly FrozenSet<string> NoiseWords = FrozenSet.ToFrozenSet(
        [
            "official", "video", "audio", "lyrics", "lyric", "visualizer", "visualiser", "hd", "hq", "4k", "free", "download",
            "dl", "premiere", "explicit", "clean", "remaster", "remastered", "out", "release", "exclusive", "slowed", "reverb",
            "sped", "boosted", "nightcore", "8d",
        ],
        StringComparer.Ordinal);

    /// <summary>The key terms of <paramref name="title"/>, in order of appearance.</summary>
    /// <param name="title">The track title; null or blank gives no terms.</param>
    /// <param name="maxTerms">The most terms returned, ≥ 1 (default 5).</param>
    /// <returns>At most <paramref name="maxTerms"/> distinct lower-case terms (rules on <see cref="TitleTerms"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTerms"/> &lt; 1.</exception>
    public static IReadOnlyList<string> KeyTerms(string? title, int maxTerms = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTerms, 1);
        if (string.IsNullOrWhiteSpace(title))
        {
            return [];
        }

        var text = title.Normalize(NormalizationForm.FormC);
        var groups = TitleGrammar.FindGroups(text);
        var (artistEnd, titleStart, suffix) = TitleGrammar.ArtistPart(text, groups);
        var removed = new bool[text.Length];
        if (artistEnd >= 0)
        {
            Array.Fill(removed, true, 0, titleStart);
        }

        if (suffix is { } s)
        {
            Array.Fill(removed, true, s.Start, s.End - s.Start);
        }

        var keywords = TitleGrammar.FindKeywords(text, allowBareW: true);
        foreach (var g in groups)
        {
            if (IsNoiseGroup(text, g, keywords))
            {
                Array.Fill(removed, true, g.Open, Math.Min(g.Close + 1, text.Length) - g.Open);
            }
        }

        for (var i = 0; i < keywords.Count; i++)
        {
            var next = i + 1 < keywords.Count ? keywords[i + 1].Start : text.Length;
            var end = TitleGrammar.ListEnd(text, keywords[i].ListStart, next);
            Array.Fill(removed, true, keywords[i].Start, end - keywords[i].Start);
        }

        foreach (Match m in MentionLike().Matches(text))
        {
            Array.Fill(removed, true, m.Index, m.Length);
        }

        return Tokens(text, removed, maxTerms);
    }

    /// <summary><see cref="KeyTerms"/> joined with single spaces; empty when there are none.</summary>
    /// <param name="title">The track title.</param>
    /// <param name="maxTerms">The most terms, ≥ 1 (default 5).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTerms"/> &lt; 1.</exception>
    public static string Query(string? title, int maxTerms = 5) => string.Join(' ', KeyTerms(title, maxTerms));

    private static bool IsNoiseGroup(string text, TitleGrammar.Group g, List<TitleGrammar.Keyword> keywords)
    {
        var words = TitleGrammar.Words(text, g.InnerStart, g.Close);
        if (words.Count == 0)
        {
            return false;
        }

        var startsWithCredit = keywords.Exists(k => k.Start >= g.InnerStart && k.Start <= words[0].Start);
        return startsWithCredit
            || TitleGrammar.IsVersionSegment(text, g.InnerStart, g.Close)
            || words.Exists(w => NoiseWords.Contains(TitleGrammar.WordKey(text, w)));
    }

    private static List<string> Tokens(string text, bool[] removed, int maxTerms)
    {
        var terms = new List<string>(maxTerms);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var token = new StringBuilder();
        var i = 0;
        while (terms.Count < maxTerms)
        {
            var rune = new Rune(' ');
            var width = 1;
            if (i < text.Length && !removed[i])
            {
                // An unpaired surrogate decodes as U+FFFD (not a letter) instead of throwing.
                Rune.DecodeFromUtf16(text.AsSpan(i), out rune, out width);
            }

            var category = Rune.GetUnicodeCategory(rune);
            var apostropheInWord = rune.Value is '\'' or '’' && token.Length > 0 && i + 1 < text.Length && !removed[i + 1] && char.IsLetter(text[i + 1]);
            if (Rune.IsLetterOrDigit(rune) || (token.Length > 0 && category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                token.Append(rune.ToString());
            }
            else if (!apostropheInWord && token.Length > 0)
            {
                var term = token.ToString().ToLowerInvariant();
                token.Clear();
                if (!StopWords.Contains(term) && seen.Add(term))
                {
                    terms.Add(term);
                }
            }

            i += width;
            if (i > text.Length)
            {
                break;
            }
        }

        return terms;
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}\p{M}_.@-])@[\p{L}\p{N}\p{M}_-]+")]
    private static partial Regex MentionLike();
}
