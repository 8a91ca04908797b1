using SoundGraph.Storage.Taste;
using SoundGraph.Taste.Time;

namespace SoundGraph.Services.Taste;

/// <summary>Stored listens as SoundGraph.Taste reads them.</summary>
internal static class StoredPlays
{
    /// <summary>The <see cref="Play"/> of a stored listen: a negative ms_played counts as 0, and a duration that is
    /// missing or not positive as unknown.</summary>
    public static Play ToPlay(PlayRow row) => new(row.ListenedAt, row.TrackId, Math.Max(0, row.MsPlayed), row.DurationMs is > 0 ? row.DurationMs : null);
}
