namespace SoundGraph.Taste.Time;

/// <summary>One play of a track by a listener, as listening histories give it (Spotify account exports' <c>ts</c> and
/// <c>ms_played</c>, ListenBrainz and Last.fm listens, SoundCloud plays).</summary>
/// <remarks>Whether the play counts as a listen, and how much it weighs, is <see cref="PlayFilter"/>'s decision.</remarks>
public sealed record Play
{
    /// <summary>Creates a play.</summary>
    /// <param name="endedAt">When the play ended, any offset; kept as the UTC instant.</param>
    /// <param name="trackId">The track's id.</param>
    /// <param name="msPlayed">How long the track played, milliseconds, ≥ 0.</param>
    /// <param name="trackDurationMs">The track's full duration, milliseconds, &gt; 0; null when unknown.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="msPlayed"/> &lt; 0, or
    /// <paramref name="trackDurationMs"/> ≤ 0 (pass null for an unknown duration).</exception>
    public Play(DateTimeOffset endedAt, long trackId, long msPlayed, long? trackDurationMs = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(msPlayed);
        if (trackDurationMs is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(trackDurationMs), trackDurationMs,
                "A track duration must be positive; pass null when it is unknown.");
        }

        EndedAt = endedAt.ToUniversalTime();
        TrackId = trackId;
        MsPlayed = msPlayed;
        TrackDurationMs = trackDurationMs;
    }

    /// <summary>When the play ended, UTC (offset zero).</summary>
    public DateTimeOffset EndedAt { get; }

    /// <summary>The track's id.</summary>
    public long TrackId { get; }

    /// <summary>How long the track played, milliseconds, ≥ 0. May exceed the duration (seeking back, repeats).</summary>
    public long MsPlayed { get; }

    /// <summary>The track's full duration, milliseconds, &gt; 0; null when unknown.</summary>
    public long? TrackDurationMs { get; }
}
