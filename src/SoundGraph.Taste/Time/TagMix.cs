namespace SoundGraph.Taste.Time;

/// <summary>Accumulates the minutes of a week over tags and measures their <see cref="TagDiversity"/>.</summary>
/// <remarks>A track's minutes are spread over its <see cref="TopTags"/> heaviest tags in proportion to their weights
/// (e.g. Last.fm's 0–100 counts, or the number of listeners who applied the tag): a track with 200 long-tail tags would
/// otherwise look as diverse as a week of 200 different tracks. Ties in weight are broken by tag name (ordinal), so the
/// result does not depend on the order the tags are given in.</remarks>
public sealed class TagMix
{
    /// <summary>Tags per track that share its minutes.</summary>
    public const int TopTags = 5;

    private readonly Dictionary<string, double> _minutes = new(StringComparer.Ordinal);
    private double _countedMinutes;
    private double _taggedMinutes;

    /// <summary>Adds one counted play of <paramref name="minutes"/> whose track has <paramref name="tags"/> (tag → weight;
    /// null or empty: an untagged track). Weights ≤ 0, NaN or ±∞ are ignored.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minutes"/> is negative, NaN or infinite.</exception>
    public void Add(double minutes, IReadOnlyDictionary<string, double>? tags)
    {
        if (!(minutes >= 0) || double.IsInfinity(minutes))
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "Minutes must be finite and ≥ 0.");
        }

        _countedMinutes += minutes;
        if (tags is null || minutes == 0)
        {
            return;
        }

        var top = tags.Where(t => t.Value > 0 && double.IsFinite(t.Value))
            .OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(TopTags).ToList();
        var total = top.Sum(t => t.Value);
        if (total <= 0)
        {
            return;
        }

        _taggedMinutes += minutes;
        foreach (var (tag, weight) in top)
        {
            _minutes[tag] = _minutes.GetValueOrDefault(tag) + minutes * weight / total;
        }
    }

    /// <summary>The diversity of what was added; null when no minute had a tag.</summary>
    public TagDiversity? Diversity()
    {
        if (_taggedMinutes <= 0)
        {
            return null;
        }

        var bits = Math.Max(0, ShannonEntropy.Bits(_minutes.Values, _taggedMinutes));
        return new TagDiversity(bits, Math.Pow(2, bits), _countedMinutes > 0 ? _taggedMinutes / _countedMinutes : 0);
    }
}
