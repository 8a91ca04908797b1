using System.Text.RegularExpressions;
using SoundGraph.Core.Catalog;

namespace SoundGraph.Ingest.Importers.MusicBrainz;

/// <summary>Roles of the artists of one MusicBrainz artist credit, from its join phrases.</summary>
internal static partial class MusicBrainzCredits
{
    /// <summary>
    /// The role of each of n name-credits, given their join phrases in order (the joinphrase of name-credit i stands between
    /// it and name-credit i + 1; null when absent).
    /// </summary>
    /// <returns>n roles: the first Primary; a later one Featured when an earlier join phrase contains "feat", "ft" or
    /// "featuring" as a word (case-insensitive, with or without a dot), else Primary (co-primary "A &amp; B", "A, B and C").</returns>
    /// <remarks>Once "feat." has been seen every later name-credit is Featured, so in "A feat. B &amp; C" both B and C are
    /// featured (MusicBrainz style guide, Artist Credits: the featured artists follow "feat."); looking only at the
    /// immediately previous join phrase would make C a co-primary artist.</remarks>
    public static CreditRole[] Roles(IReadOnlyList<string?> joinPhrases)
    {
        var roles = new CreditRole[joinPhrases.Count];
        var featuring = false;
        for (var i = 0; i < roles.Length; i++)
        {
            roles[i] = featuring ? CreditRole.Featured : CreditRole.Primary;
            featuring |= joinPhrases[i] is { } phrase && Feat().IsMatch(phrase);
        }

        return roles;
    }

    [GeneratedRegex(@"\b(?:feat|ft|featuring)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Feat();
}
