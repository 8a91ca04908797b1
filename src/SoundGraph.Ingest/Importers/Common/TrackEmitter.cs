using SoundGraph.Core.Catalog;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Emits a named track with its primary artist and credit, once per import.</summary>
internal static class TrackEmitter
{
    /// <summary>Adds the track (unless stored or already emitted), its primary artist (by name) and a Primary credit at position 0.</summary>
    public static void Emit(BatchBuffer batch, ResolvedTrack track, string? artistName, string title, string? album, long? durationMs = null)
    {
        if (track.IsStored)
        {
            return;
        }

        var artist = string.IsNullOrWhiteSpace(artistName) ? null : artistName;
        if (!batch.AddTrack(new TrackRecord(track.Key, title, artist, string.IsNullOrEmpty(album) ? null : album, durationMs)))
        {
            return;
        }

        if (artist is not null)
        {
            var artistKey = NameKeys.Artist(artist);
            batch.AddArtist(artistKey, artist);
            batch.Batch.Credits.Add(new CreditRecord(track.Key, artistKey, CreditRole.Primary, 0));
        }
    }
}
