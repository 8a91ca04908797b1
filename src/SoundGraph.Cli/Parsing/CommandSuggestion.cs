using System.CommandLine;
using SoundGraph.Core.Text;

namespace SoundGraph.Cli.Parsing;

/// <summary>git-style "did you mean" for a mistyped command: <c>sgr: 'unvail' is not a sgr command. Did you mean 'unveil'?</c></summary>
/// <remarks>Distance is <see cref="EditDistance.Osa"/> (restricted Damerau–Levenshtein), so a swapped pair of letters
/// costs 1 like one wrong letter. A name is suggested when its distance is at most <see cref="MaxDistance"/> and below
/// the typed word's length (a two-letter word is never "close" to everything).</remarks>
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
        var nearest = EditDistance.Nearest(word, names, MaxDistance);
        var head = $"{path}: '{word}' is not a {path} command.";
        return nearest.Count switch
        {
            0 => $"{head} See '{path} --help'.",
            1 => $"{head} Did you mean '{nearest[0]}'?",
            _ => $"{head} Did you mean one of {string.Join(", ", nearest.Select(n => $"'{n}'"))}?",
        };
    }
}
