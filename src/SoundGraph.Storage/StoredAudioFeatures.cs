using SoundGraph.Core.Catalog;

namespace SoundGraph.Storage;

/// <summary>Reads rows of the <c>audio_features</c> table into Core's <see cref="AudioFeatures"/>: one select list and one
/// Dapper row type shared by every reader of the table (track details, the song graph).</summary>
public static class StoredAudioFeatures
{
    /// <summary>The select list over <c>audio_features</c> (no table alias) whose column aliases map onto <see cref="Row"/>.</summary>
    public const string Columns = """
        track_id AS TrackId, danceability AS Danceability, energy AS Energy, speechiness AS Speechiness,
        acousticness AS Acousticness, instrumentalness AS Instrumentalness, liveness AS Liveness, valence AS Valence,
        loudness_db AS LoudnessDb, tempo_bpm AS TempoBpm, musical_key AS MusicalKey, mode AS Mode, time_signature AS TimeSignature
        """;

    /// <summary>One stored row as Dapper reads it (integers come back as 64-bit on both providers); a null member is an
    /// unknown value (NULL in the table, see <see cref="AudioFeatures"/>).</summary>
    public sealed class Row
    {
        /// <summary>Track id.</summary>
        public long TrackId { get; init; }

        /// <summary>0–1.</summary>
        public double? Danceability { get; init; }

        /// <summary>0–1.</summary>
        public double? Energy { get; init; }

        /// <summary>0–1.</summary>
        public double? Speechiness { get; init; }

        /// <summary>0–1.</summary>
        public double? Acousticness { get; init; }

        /// <summary>0–1.</summary>
        public double? Instrumentalness { get; init; }

        /// <summary>0–1.</summary>
        public double? Liveness { get; init; }

        /// <summary>0–1.</summary>
        public double? Valence { get; init; }

        /// <summary>Loudness in dB.</summary>
        public double? LoudnessDb { get; init; }

        /// <summary>Tempo in beats per minute.</summary>
        public double? TempoBpm { get; init; }

        /// <summary>Pitch class 0–11.</summary>
        public long? MusicalKey { get; init; }

        /// <summary>1 major, 0 minor.</summary>
        public long? Mode { get; init; }

        /// <summary>Beats per bar.</summary>
        public long? TimeSignature { get; init; }

        /// <summary>The row as Core's record.</summary>
        public AudioFeatures ToFeatures() => new(
            Danceability, Energy, Speechiness, Acousticness, Instrumentalness, Liveness, Valence, LoudnessDb, TempoBpm, (int?)MusicalKey, (int?)Mode, (int?)TimeSignature);
    }
}
