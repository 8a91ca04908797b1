namespace SoundGraph.Taste.Axes;

/// <summary>One track's value on one <see cref="MoodAxis"/>, with where it came from and how far to trust it.</summary>
/// <param name="Value">The value in the axis's unit (<see cref="MoodAxes.Unit"/>): 0–1, or BPM for
/// <see cref="MoodAxis.Tempo"/>.</param>
/// <param name="Method">Where the value came from, one of the <see cref="AxisMethod"/> codes: "spotify", "local-audio",
/// "tags", "graph", "artist".</param>
/// <param name="Confidence">0–1: 1 for a value measured by the source itself (Spotify's descriptors), less for SoundGraph's
/// heuristics, predictions and smoothing; each producer documents how it sets it.</param>
public sealed record AxisValue(double Value, string Method, double Confidence);

/// <summary>The <see cref="AxisValue.Method"/> codes, as stored and shown by the API.</summary>
public static class AxisMethod
{
    /// <summary>Spotify's audio features, taken as they are (<see cref="DescriptorAxes.FromSpotify"/>).</summary>
    public const string Spotify = "spotify";

    /// <summary>SoundGraph.Audio's local analysis through SoundGraph's heuristic mappings
    /// (<see cref="DescriptorAxes.FromLocalAudio"/>).</summary>
    public const string LocalAudio = "local-audio";

    /// <summary>Predicted from the track's Last.fm tags (<see cref="TagAxisModel"/>).</summary>
    public const string Tags = "tags";

    /// <summary>Label propagation over the track graph (<see cref="AxisSmoothing"/>).</summary>
    public const string Graph = "graph";

    /// <summary>The artist's partially pooled mean (<see cref="ArtistPooling"/>).</summary>
    public const string Artist = "artist";
}
