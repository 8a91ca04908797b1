namespace SoundGraph.Core.Text;

/// <summary>Edit distances for "did you mean" suggestions (mistyped commands, connection-string keywords).</summary>
public static class EditDistance
{
    /// <summary>Optimal-string-alignment (restricted Damerau–Levenshtein) distance: insertions, deletions, substitutions
    /// and swaps of two adjacent characters each cost 1, so "Hots" is 1 from "Host". Ordinal, case-sensitive.</summary>
    /// <remarks>O(|a|·|b|) time and memory; meant for short words.</remarks>
    public static int Osa(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1][];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i] = new int[b.Length + 1];
            d[i][0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0][j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i][j] = Math.Min(Math.Min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i][j] = Math.Min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }

        return d[a.Length][b.Length];
    }

    /// <summary>The candidates nearest to <paramref name="word"/> (case-insensitive), all tied at the smallest distance,
    /// in the order given; only distances ≤ <paramref name="maxDistance"/> and below the word's length count, so a short
    /// word is never "close" to everything.</summary>
    public static IReadOnlyList<string> Nearest(string word, IEnumerable<string> candidates, int maxDistance = 2)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(candidates);
        var typed = word.ToLowerInvariant();
        var scored = candidates.Distinct(StringComparer.Ordinal)
            .Select(n => (Name: n, Distance: Osa(typed, n.ToLowerInvariant())))
            .Where(x => x.Distance <= maxDistance && x.Distance < typed.Length)
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        var best = scored.Min(x => x.Distance);
        return scored.Where(x => x.Distance == best).Select(x => x.Name).ToList();
    }
}
