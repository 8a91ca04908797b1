using Microsoft.Data.Sqlite;
using SoundGraph.Core.Catalog;
using SQLitePCL;

namespace SoundGraph.Storage.Sqlite;

/// <content>The rows this writer stored, with the values it stored, so that re-sent identical rows skip their upserts.</content>
public sealed partial class SqliteCatalogWriter
{
    /// <summary>Tracks, artists and credits this writer upserted, each with the values of its last upsert, kept only while
    /// nothing but this writer has changed the database since its last commit: no other connection
    /// (<c>PRAGMA data_version</c> is unchanged) and nothing else on this one (<c>sqlite3_total_changes</c> is where the
    /// writer's last commit left it). Then each such row is exactly as that upsert left it, and every one of these
    /// upserts is idempotent (applying the same values twice changes nothing the second time and returns no id), so a
    /// row re-sent with the same values is skipped with the same result: the same rows and the same "stored" counts.
    /// MPD slices imported one by one re-send most of their tracks (popular tracks appear in every slice), which made these
    /// no-op upserts and look-ups about a third of a multi-slice import.</summary>
    /// <remarks>Cleared whenever a batch fails (its rows were rolled back) or anything else wrote. At most
    /// <see cref="MaxPerTable"/> keys per table are remembered (about 200 bytes each, the records being kept), so a
    /// full-MPD import holds at most a few hundred MiB; keys past it simply take the upsert.</remarks>
    private sealed class WrittenRows
    {
        /// <summary>Most keys remembered per table.</summary>
        public const int MaxPerTable = 1_000_000;

        private long _dataVersion = -1;
        private int _totalChanges = -1;

        public Dictionary<string, (TrackRecord Track, string? Source)> Tracks { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (string Name, string? Source)> Artists { get; } = new(StringComparer.Ordinal);

        /// <summary>Position by (track id, artist id, role).</summary>
        public Dictionary<(long, long, int), int> Credits { get; } = [];

        /// <summary>Whether the store holds any label (null: not looked up since the last <see cref="Clear"/>); see
        /// <see cref="RefreshLabelArtistsAsync"/>.</summary>
        public bool? StoreHasLabels { get; set; }

        /// <summary>Called inside the batch's transaction, before its first write: forgets everything if anything but
        /// this writer wrote since its last commit.</summary>
        /// <returns>True when it forgot (something else wrote, or this is the first batch, or the last one failed).</returns>
        public bool StartBatch(Statements s, SqliteConnection connection)
        {
            var version = s.DataVersion.Scalar() ?? -1;
            var changed = version != _dataVersion || raw.sqlite3_total_changes(connection.Handle) != _totalChanges;
            if (changed)
            {
                Clear();
            }

            // data_version does not move with this connection's own commits, so it stays valid after the batch commits.
            _dataVersion = version;
            return changed;
        }

        /// <summary>Called after the batch committed.</summary>
        public void Committed(SqliteConnection connection) => _totalChanges = raw.sqlite3_total_changes(connection.Handle);

        /// <summary>Forgets every row (a failed batch: the database no longer holds what it wrote).</summary>
        public void Clear()
        {
            Tracks.Clear();
            Artists.Clear();
            Credits.Clear();
            StoreHasLabels = null;
            _dataVersion = -1;
            _totalChanges = -1;
        }

        /// <summary>Records the values just upserted for <paramref name="key"/> (while under <see cref="MaxPerTable"/> keys).</summary>
        public static void Remember<TKey, TValue>(Dictionary<TKey, TValue> rows, TKey key, TValue value)
            where TKey : notnull
        {
            if (rows.Count < MaxPerTable || rows.ContainsKey(key))
            {
                rows[key] = value;
            }
        }
    }
}
