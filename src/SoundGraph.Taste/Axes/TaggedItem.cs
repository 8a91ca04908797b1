namespace SoundGraph.Taste.Axes;

/// <summary>One training item for <see cref="TagAxisModel"/>: a track or an artist that has both tags and known axis
/// values (Spotify's descriptors).</summary>
/// <param name="Id">The caller's id, for reports ("track:42", "artist:7").</param>
/// <param name="Tags">Tag → weight, e.g. Last.fm's top-tag counts (0–100). Weights ≤ 0 or non-finite are ignored; tags
/// are compared trimmed and case-insensitively.</param>
/// <param name="Targets">Axis → known value in the axis's unit (0–1, BPM for tempo); an axis the item lacks is simply
/// absent. Non-finite values are ignored.</param>
public sealed record TaggedItem(string Id, IReadOnlyDictionary<string, double> Tags, IReadOnlyDictionary<MoodAxis, double> Targets);
