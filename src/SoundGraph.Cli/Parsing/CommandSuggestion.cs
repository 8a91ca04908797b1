using System.CommandLine;

namespace SoundGraph.Cli.Parsing;

/// <summary>git-style "did you mean" for a mistyped command: <c>sgr: 'unvail' is not a sgr command. Did you mean 'unveil'?</c></summary>
/// <remarks>Distance is the optimal-string-alignment (restricted Damerau–Levenshtein) distance, so a swapped pair of
/// letters costs 1 like one wrong letter. A name is suggested when its distance is at most
/// <see cref="MaxDistance"/> and below the typed word's length (a two-letter word is never "close" to everything).</remarks>
public static class CommandSuggestion
{
    /// <summary>Largest edit distance that still counts as a typo (git's default similarity allows about two edits).</summary>
    public const int MaxDistance = 2;

    /// <summary>The message for an unknown word where <paramref name="parent"/> expects a subcommand, or null when
    /// <paramref name="word"/> is an option or <paramref name="parent"/> has no subcommands.</summary>
    /// <param name="path">The command path as typed ("sgr" or "sgr db").</param>
    /// <param name="parent">The command whose subcommand was expected.</param>
    /// <param name="word">The word the user typed instead.</param>
    public static string? Message(string path, Command parent, string word)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(word);
        if (word.StartsWith('-') || parent.Subcommands.Count == 0)
        {
            return null;
        }

        var names = parent.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name)).ToList();
        var nearest = Nearest(word, names);
        var head = $"{path}: '{word}' is not a {path} command.";
        return nearest.Count switch
        {
            0 => $"{head} See '{path} --help'.",
            1 => $"{head} Did you mean '{nearest[0]}'?",
            _ => $"{head} Did you mean one of {string.Join(", ", nearest.Select(n => $"'{n}'"))}?",
        };
    }

    /// <summary>The names closest to <paramref name="word"/> within <see cref="MaxDistance"/>, all tied at the smallest
    /// distance, in the order given.</summary>
    public static IReadOnlyList<string> Nearest(string word, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(names);
        var typed = word.ToLowerInvariant();
        var scored = names.Distinct(StringComparer.Ordinal)
            .Select(n => (Name: n, Distance: Distance(typed, n.ToLowerInvariant())))
            .Where(x => x.Distance <= MaxDistance && x.Distance < typed.Length)
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        var best = scored.Min(x => x.Distance);
        return scored.Where(x => x.Distance == best).Select(x => x.Name).ToList();
    }

    /// <summary>Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions, each 1.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
