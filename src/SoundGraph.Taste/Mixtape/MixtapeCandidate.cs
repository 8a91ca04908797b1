namespace SoundGraph.Taste.Mixtape;

/// <summary>A track the listener played in the mixtape's period, with what choosing and ordering it needs.</summary>
/// <remarks>The selection compares candidates in <see cref="MixtapeSpace"/>: energy, valence, danceability and tempo / 200.</remarks>
public sealed record MixtapeCandidate
{
    /// <summary>Creates a candidate.</summary>
    /// <param name="trackId">The track's id (ties between candidates are broken by it, lowest first).</param>
    /// <param name="artistIds">The credited artists (primary and featured) the two-per-artist cap counts; may be empty.</param>
    /// <param name="durationS">Duration, seconds, &gt; 0 (known or estimated: the caller decides).</param>
    /// <param name="energy">Energy, 0–1.</param>
    /// <param name="valence">Valence, 0–1.</param>
    /// <param name="danceability">Danceability, 0–1.</param>
    /// <param name="tempoBpm">Tempo, beats per minute, &gt; 0.</param>
    /// <param name="key">Camelot code of the track's key; null when unknown.</param>
    /// <param name="weight">Minutes played in the period (counted plays only), &gt; 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="artistIds"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A duration, tempo or weight that is not positive and finite, or an
    /// axis value that is not finite.</exception>
    public MixtapeCandidate(long trackId, IReadOnlyList<long> artistIds, double durationS, double energy, double valence, double danceability, double tempoBpm, CamelotKey? key, double weight)
    {
        ArgumentNullException.ThrowIfNull(artistIds);
        Positive(durationS, nameof(durationS));
        Positive(tempoBpm, nameof(tempoBpm));
        Positive(weight, nameof(weight));
        Finite(energy, nameof(energy));
        Finite(valence, nameof(valence));
        Finite(danceability, nameof(danceability));
        TrackId = trackId;
        ArtistIds = artistIds;
        DurationS = durationS;
        Energy = energy;
        Valence = valence;
        Danceability = danceability;
        TempoBpm = tempoBpm;
        Key = key;
        Weight = weight;
    }

    /// <summary>The track's id.</summary>
    public long TrackId { get; }

    /// <summary>Credited artists (primary and featured).</summary>
    public IReadOnlyList<long> ArtistIds { get; }

    /// <summary>Duration, seconds.</summary>
    public double DurationS { get; }

    /// <summary>Energy, 0–1.</summary>
    public double Energy { get; }

    /// <summary>Valence, 0–1.</summary>
    public double Valence { get; }

    /// <summary>Danceability, 0–1.</summary>
    public double Danceability { get; }

    /// <summary>Tempo, BPM.</summary>
    public double TempoBpm { get; }

    /// <summary>Camelot code of the key; null when unknown.</summary>
    public CamelotKey? Key { get; }

    /// <summary>Minutes played in the period.</summary>
    public double Weight { get; }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be positive and finite.");
        }
    }

    private static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be finite.");
        }
    }
}
