namespace SoundGraph.Taste.Time;

/// <summary>Decides which plays count as listens and how much each weighs.</summary>
/// <remarks>
/// <para>A play counts when it lasted at least <see cref="MinimumMs"/> (30 s) <em>or</em> at least
/// <see cref="MinimumShareOfDuration"/> (50 %) of a known track duration. Last.fm's scrobble rule is stricter: the track
/// must be longer than 30 s and have played for half its duration or 4 minutes, whichever comes first
/// (Last.fm API docs, "track.scrobble", "When is a scrobble a scrobble?"). We use the looser rule because Spotify account
/// exports give <c>ms_played</c> per play and often no duration, so 30 s alone must be enough. A 4 s skip of any track
/// longer than 8 s never counts; a play under 30 s counts only when it is at least half of a short track (an
/// interlude); a play of 0 ms never counts.</para>
/// <para>A counted play weighs its minutes played, capped at the track's duration when known (a repeated or re-seeked
/// play does not weigh more than the track): weight = min(ms played, duration ms) / 60,000.</para>
/// </remarks>
public static class PlayFilter
{
    /// <summary>Milliseconds after which any play counts: 30,000 (30 s, Last.fm's minimum track length).</summary>
    public const long MinimumMs = 30_000;

    /// <summary>Share of a known duration after which a shorter play counts: 0.5.</summary>
    public const double MinimumShareOfDuration = 0.5;

    /// <summary>Whether <paramref name="play"/> counts as a listen (see the class remarks).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="play"/> is null.</exception>
    public static bool Counts(Play play)
    {
        ArgumentNullException.ThrowIfNull(play);
        if (play.MsPlayed <= 0)
        {
            return false;
        }

        return play.MsPlayed >= MinimumMs
            || (play.TrackDurationMs is { } duration && play.MsPlayed >= MinimumShareOfDuration * duration);
    }

    /// <summary>Minutes played, capped at the track's duration when known, whether or not the play counts.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="play"/> is null.</exception>
    public static double Minutes(Play play) => CappedMs(play) / 60_000.0;

    /// <summary>The play's weight: <see cref="Minutes"/> when it <see cref="Counts"/>, else 0.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="play"/> is null.</exception>
    public static double CountedMinutes(Play play) => Counts(play) ? Minutes(play) : 0;

    /// <summary>Milliseconds played, capped at the track's duration when known.</summary>
    internal static long CappedMs(Play play)
    {
        ArgumentNullException.ThrowIfNull(play);
        return play.TrackDurationMs is { } duration ? Math.Min(play.MsPlayed, duration) : play.MsPlayed;
    }
}
