using FuzzySharp;
using FuzzySharp.PreProcess;
using SoundGraph.Core.Identity;

namespace SoundGraph.Ingest.Text;

/// <summary>How alike two track titles are, for telling uploads of one song apart from other songs.</summary>
public static class TitleSimilarity
{
    /// <summary>The fuzzy similarity of two titles, 0–1.</summary>
    /// <param name="a">A title; null or blank gives 0.</param>
    /// <param name="b">Another title; null or blank gives 0.</param>
    /// <returns>FuzzySharp's token-set ratio (0–100, an integer) divided by 100, computed on the
    /// <see cref="NameNormalizer.MatchKey"/> of each title; 0 when either key is empty.</returns>
    /// <remarks>
    /// <para>Token-set ratio (SeatGeek's fuzzywuzzy, ported by FuzzySharp 2.x): the tokens of both texts split into the
    /// sorted intersection I and each side's leftovers; the score is the best Levenshtein ratio among (I, I+rest₁),
    /// (I, I+rest₂) and (I+rest₁, I+rest₂), where the Levenshtein ratio is 2·matches / total length (a substitution costs
    /// 2), rounded to an integer percent. So a title whose words are all in the other scores 1 ("Strobe" vs "Strobe
    /// (Deadmau5 Remix)", "Lean On" vs "Lean On (feat. MØ &amp; DJ Snake)"): a remix, an edit or a featured credit
    /// of a song stays the same song, which is what the harvest needs; word order does not matter.</para>
    /// <para>Folding with <see cref="NameNormalizer"/> first (NFKD, accents removed, lower case, punctuation to spaces,
    /// "&amp;" → "and") makes "Sigur Rós - Hoppípolla" equal "sigur ros hoppipolla", and FuzzySharp then runs with
    /// <see cref="PreprocessMode.None"/>: its own full preprocessing keeps only [a-zA-Z0-9], which would erase Cyrillic
    /// and CJK titles entirely.</para>
    /// <para>Limits: a short title contained in a long one scores 1 even when it is a different song ("Intro" vs "Intro
    /// to Love"), so callers should pair a high ratio with another signal (artist, duration). FuzzySharp sorts tokens
    /// with the current culture; after folding, titles in one script sort the same in every culture we know of.</para>
    /// </remarks>
    public static double Ratio(string? a, string? b)
    {
        var ka = NameNormalizer.MatchKey(a);
        var kb = NameNormalizer.MatchKey(b);
        if (ka.Length == 0 || kb.Length == 0)
        {
            return 0;
        }

        return Fuzz.TokenSetRatio(ka, kb, PreprocessMode.None) / 100.0;
    }
}
