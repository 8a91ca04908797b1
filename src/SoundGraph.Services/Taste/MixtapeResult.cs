using SoundGraph.Taste.Mixtape;

namespace SoundGraph.Services.Taste;

/// <summary>A listener's mixtape for a period (<see cref="MixtapeService.BuildAsync"/>).</summary>
/// <param name="UserId">The listener.</param>
/// <param name="Period">The period.</param>
/// <param name="TimeZone">The IANA zone the period's days were cut in.</param>
/// <param name="Inputs">What the period offered and what was left out.</param>
/// <param name="Mixtape">The mixtape: tracks in running order with their picks and explanations, the cluster.</param>
/// <param name="Entries">Per track id of the mixtape: title, credit, known duration, local path, MBID, Spotify URI.</param>
/// <param name="EstimatedDurations">Track ids whose duration is an estimate (the longest play of it), not a stored one.</param>
public sealed record MixtapeResult(
    long UserId,
    MixtapePeriod Period,
    string TimeZone,
    MixtapeInputs Inputs,
    Mixtape Mixtape,
    IReadOnlyDictionary<long, PlaylistEntry> Entries,
    IReadOnlySet<long> EstimatedDurations)
{
    /// <summary>The mixtape as a playlist for the exports, each track annotated with its explanation.</summary>
    /// <param name="title">Playlist title.</param>
    /// <param name="date">When it was made; null to leave it out.</param>
    public PlaylistDocument ToPlaylist(string title, DateTimeOffset? date = null) => MixtapePlaylist.ToDocument(Mixtape, Entries, title, "SoundGraph", date);
}

/// <summary>What a period offered the mixtape.</summary>
/// <param name="CountedPlays">Plays in the period that count (≥ 30 s, or half a short track; SoundGraph.Taste PlayFilter).</param>
/// <param name="Tracks">Distinct tracks among them.</param>
/// <param name="WithoutAxes">Tracks left out for lacking energy, valence, danceability or tempo (run <c>sgr taste score</c>).</param>
/// <param name="WithoutDuration">Tracks left out with neither a stored duration nor a play of at least
/// <see cref="MixtapeService.MinEstimatedDurationMs"/>.</param>
/// <param name="Candidates">Tracks that became candidates.</param>
/// <param name="WithKey">Candidates with a known key.</param>
public sealed record MixtapeInputs(int CountedPlays, int Tracks, int WithoutAxes, int WithoutDuration, int Candidates, int WithKey);
