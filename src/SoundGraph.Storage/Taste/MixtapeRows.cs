namespace SoundGraph.Storage.Taste;

/// <summary>What a mixtape shows of a track (<c>tracks</c>).</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Title">Its title.</param>
/// <param name="Album">Its album; null when unknown.</param>
/// <param name="DurationMs">Its duration, ms; null when unknown.</param>
public sealed record MixtapeTrackRow(long TrackId, string Title, string? Album, long? DurationMs);

/// <summary>One credit of a track with the artist's display name (<c>track_credits</c> ⨝ <c>artists</c>).</summary>
/// <param name="TrackId">The track.</param>
/// <param name="ArtistId">The artist.</param>
/// <param name="ArtistName">The artist's display name.</param>
/// <param name="Role">CreditRole: 0 primary, 1 featured, 2 remixer, 3 producer.</param>
/// <param name="Position">Order within the role, 0 first.</param>
public sealed record TrackCreditRow(long TrackId, long ArtistId, string ArtistName, int Role, int Position);

/// <summary>A track's key (<c>audio_features</c>): Spotify's when it has one, else the first other extractor's by name
/// (SoundGraph.Audio's key detector writes its own).</summary>
/// <param name="TrackId">The track.</param>
/// <param name="PitchClass">Tonic, 0 = C … 11 = B.</param>
/// <param name="Mode">1 major, 0 minor.</param>
/// <param name="Extractor">Where it came from: "spotify", "soundgraph-audio/2", ….</param>
public sealed record TrackKeyRow(long TrackId, int PitchClass, int Mode, string Extractor);
