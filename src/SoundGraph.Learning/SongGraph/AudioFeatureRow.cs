using SoundGraph.Core.Catalog;

namespace SoundGraph.Learning.SongGraph;

/// <summary>One track's Spotify audio features, as stored in the <c>audio_features</c> table.</summary>
/// <param name="TrackId">Store id of the track.</param>
/// <param name="Features">Its features (units in <see cref="AudioFeatures"/>; null where unknown).</param>
public sealed record AudioFeatureRow(long TrackId, AudioFeatures Features);
