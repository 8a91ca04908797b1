namespace SoundGraph.Storage.Taste;

/// <summary>A track's Spotify-style descriptors (<c>audio_features</c>, the 'spotify' row first, else the first other
/// extractor that has energy or valence), each null when unknown.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Danceability">0–1.</param>
/// <param name="Energy">0–1.</param>
/// <param name="Valence">0–1.</param>
/// <param name="TempoBpm">Beats per minute.</param>
/// <param name="Mode">1 major, 0 minor.</param>
/// <param name="Acousticness">0–1.</param>
/// <param name="Instrumentalness">0–1.</param>
/// <param name="Speechiness">0–1.</param>
/// <param name="Liveness">0–1.</param>
/// <param name="LoudnessDb">dB (Spotify) or LUFS (local audio).</param>
public sealed record TrackDescriptorRow(
    long TrackId, double? Danceability, double? Energy, double? Valence, double? TempoBpm, int? Mode,
    double? Acousticness, double? Instrumentalness, double? Speechiness, double? Liveness, double? LoudnessDb);

/// <summary>The local-audio features of a track's most recently analysed file (<c>audio_analysis</c>) that the mood axes
/// use; units as the table's columns.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="TempoBpm">BPM; null without a steady beat.</param>
/// <param name="TempoConfidence">0–1.</param>
/// <param name="KeyConfidence">0–1; null for silence.</param>
/// <param name="IntegratedLufs">LUFS; null when nothing passed the gates.</param>
/// <param name="SpectralCentroidHz">Frame mean, Hz.</param>
/// <param name="SpectralFlatness">Frame mean, 0–1.</param>
/// <param name="OnsetRate">Onsets per second.</param>
/// <param name="SideToMid">Side/mid energy ratio.</param>
/// <param name="PercussiveToHarmonic">Percussive over harmonic energy.</param>
/// <param name="Pumpiness">0–1.</param>
public sealed record LocalAudioRow(
    long TrackId, double? TempoBpm, double TempoConfidence, double? KeyConfidence, double? IntegratedLufs, double SpectralCentroidHz,
    double SpectralFlatness, double OnsetRate, double SideToMid, double PercussiveToHarmonic, double Pumpiness);

/// <summary>One tag of a track with its weight: the track's own tags (<c>track_tags</c>: the count, 1 when unknown, summed
/// over users) or, for <see cref="FromArtist"/>, its credited artists' tags (<c>artist_tags</c>, likewise).</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Tag">The tag's normalized name.</param>
/// <param name="Weight">Summed count, &gt; 0.</param>
/// <param name="FromArtist">True when the tag is the artist's, not the track's.</param>
public sealed record TrackTagRow(long TrackId, string Tag, double Weight, bool FromArtist);

/// <summary>One listen of a listener as the taste aggregation reads it.</summary>
/// <param name="ListenId">listens.id.</param>
/// <param name="ListenedAt">End of the play, UTC.</param>
/// <param name="TrackId">The track.</param>
/// <param name="MsPlayed">Milliseconds played.</param>
/// <param name="DurationMs">The track's duration, ms; null when unknown.</param>
public sealed record PlayRow(long ListenId, DateTimeOffset ListenedAt, long TrackId, long MsPlayed, long? DurationMs);

/// <summary>A stored mood-axis value of a track (<c>track_axes</c>).</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Axis">Axis code (SoundGraph.Taste MoodAxis), e.g. "energy".</param>
/// <param name="Value">0–1, tempo in BPM.</param>
/// <param name="Method">spotify | local-audio | tags | graph | artist | label.</param>
/// <param name="Confidence">0–1.</param>
public sealed record TrackAxisRow(long TrackId, string Axis, double Value, string Method, double Confidence);

/// <summary>One listener's weekly aggregate of one axis (<c>taste_weeks</c>).</summary>
/// <param name="Week">'YYYY-Www'.</param>
/// <param name="Axis">Axis code.</param>
/// <param name="Mean">Weighted centroid.</param>
/// <param name="Variance">Weighted variance.</param>
/// <param name="Plays">Counted plays with a value.</param>
/// <param name="Minutes">Their minutes.</param>
/// <param name="Ema">EMA of the centroid (span 4 weeks); null before the first value.</param>
/// <param name="Momentum">Week-over-week change of the EMA; null for the first week.</param>
public sealed record TasteWeekRow(string Week, string Axis, double Mean, double Variance, long Plays, double Minutes, double? Ema, double? Momentum);

/// <summary>One listener's totals of one week (<c>taste_week_totals</c>).</summary>
/// <param name="Week">'YYYY-Www'.</param>
/// <param name="Plays">Counted plays.</param>
/// <param name="Minutes">Their minutes.</param>
/// <param name="Coverage">Share of the minutes whose track had energy and valence, 0–1.</param>
/// <param name="Diversity">Normalized entropy over the energy × valence grid, 0–1; null when no play had both.</param>
/// <param name="MomentumIndex">Norm of the axes' EMA changes in each axis's own weekly sd; null when no axis has one.</param>
/// <param name="TagDiversity">Shannon entropy of the minutes over tags, bits (migration 0013); null when no minute had a tag.</param>
/// <param name="TaggedShare">Share of the minutes whose track had a tag, 0–1; null when not computed.</param>
public sealed record TasteWeekTotalRow(string Week, long Plays, double Minutes, double Coverage, double? Diversity, double? MomentumIndex,
    double? TagDiversity = null, double? TaggedShare = null);

/// <summary>A change point of one listener's axis (<c>taste_changes</c>).</summary>
/// <param name="Axis">Axis code.</param>
/// <param name="Week">The week CUSUM raised the alarm.</param>
/// <param name="StartWeek">The estimated first week of the new level.</param>
/// <param name="Direction">up | down.</param>
/// <param name="Size">Shift in the axis's units.</param>
public sealed record TasteChangeRow(string Axis, string Week, string StartWeek, string Direction, double Size);

/// <summary>Everything one aggregation of a listener replaces.</summary>
/// <param name="UserId">The listener.</param>
/// <param name="TimeZone">IANA time zone the weeks are cut in.</param>
/// <param name="MaxListenId">The highest listens.id included.</param>
/// <param name="Weeks">Per week and axis.</param>
/// <param name="Totals">Per week.</param>
/// <param name="Changes">Change points.</param>
/// <param name="LabelsDigest">Digest of the listener's <c>taste_labels</c> the aggregates used; null without labels.</param>
public sealed record TasteAggregate(
    long UserId, string TimeZone, long MaxListenId, IReadOnlyList<TasteWeekRow> Weeks, IReadOnlyList<TasteWeekTotalRow> Totals, IReadOnlyList<TasteChangeRow> Changes,
    string? LabelsDigest = null);

/// <summary>A listener's aggregation state (<c>taste_state</c>).</summary>
/// <param name="UserId">The listener.</param>
/// <param name="TimeZone">IANA time zone.</param>
/// <param name="MaxListenId">The highest listens.id the aggregates include.</param>
/// <param name="ComputedAt">When they were computed.</param>
/// <param name="LabelsDigest">Digest of the listener's <c>taste_labels</c> the aggregates used; null without labels.</param>
public sealed record TasteStateRow(long UserId, string TimeZone, long MaxListenId, DateTimeOffset ComputedAt, string? LabelsDigest = null);

/// <summary>A listener's own value of a track on an axis (<c>taste_labels</c>).</summary>
/// <param name="UserId">The listener.</param>
/// <param name="TrackId">The track.</param>
/// <param name="Axis">Axis code (SoundGraph.Taste MoodAxis), e.g. "energy".</param>
/// <param name="Value">0–1, tempo in BPM.</param>
/// <param name="LabelledAt">When it was given (UTC, whole seconds).</param>
public sealed record TasteLabelRow(long UserId, long TrackId, string Axis, double Value, DateTimeOffset LabelledAt);
