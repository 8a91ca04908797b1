using SoundGraph.Core.Identity;

namespace SoundGraph.Storage.Resolution;

/// <summary>A tag with the source's count (MusicBrainz votes, Last.fm's 0–100 weight).</summary>
/// <param name="Name">Tag name as the source wrote it.</param>
/// <param name="Count">The source's count, ≥ 0.</param>
public sealed record CountedTag(string Name, long Count)
{
    /// <summary>The tags a source's answer gives a track or artist, as the store keeps them: those with a count of at least
    /// <paramref name="minCount"/> and a name that is not blank once normalized (<see cref="NameNormalizer.MatchKey"/>),
    /// one per normalized name, with the first spelling and the largest count (MusicBrainz sends a name as a tag and as a
    /// genre; Last.fm sends spellings that normalize alike).</summary>
    /// <param name="tags">The answer's tags, in the source's order.</param>
    /// <param name="minCount">Smallest count kept (1 drops count-0 tags).</param>
    /// <returns>The kept tags, in order of first appearance.</returns>
    public static List<CountedTag> Fold(IEnumerable<CountedTag> tags, long minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags
            .Where(t => t.Count >= minCount && NameNormalizer.MatchKey(t.Name).Length > 0)
            .GroupBy(t => NameNormalizer.MatchKey(t.Name), StringComparer.Ordinal)
            .Select(g => new CountedTag(g.First().Name, g.Max(t => t.Count)))
            .ToList();
    }
}
