using System.Data;
using System.Data.Common;
using SoundGraph.Core.Catalog;

namespace SoundGraph.Storage;

/// <summary>Writes a batch's AcousticBrainz records (<see cref="CatalogBatch.AcousticBrainzLowLevel"/>,
/// <see cref="CatalogBatch.AcousticBrainzHighLevel"/>) into <c>acousticbrainz_lowlevel</c> and <c>acousticbrainz_highlevel</c>
/// (migration 0006) for both catalog writers, inside the writer's transaction.</summary>
/// <remarks>One portable ADO.NET upsert per record, the same SQL text on SQLite and PostgreSQL (only the "is distinct from"
/// operator differs), so both providers store identical rows by construction. AcousticBrainz imports are one document per
/// recording (thousands, not millions of rows), so the per-row statement costs little and the binary-COPY path of
/// <see cref="Postgres.PostgresCatalogWriter"/> is not needed. Rules: a known value replaces the stored one, a null keeps
/// the stored one (as <c>audio_features</c>); a row is rewritten only when a value changes, and the counts reported are
/// the rows inserted or changed.</remarks>
internal static class AcousticBrainzRows
{
    private static readonly string[] LowLevelColumns =
    [
        "key_profile", "key_strength", "rhythm_danceability", "average_loudness", "integrated_loudness_lufs", "replay_gain_db",
        "dynamic_complexity", "onset_rate", "spectral_centroid_hz", "spectral_rolloff_hz", "spectral_flatness_db", "spectral_flux",
        "spectral_entropy", "zero_crossing_rate", .. Enumerable.Range(0, AcousticBrainzLowLevel.MfccCount).Select(i => "mfcc_" + i),
    ];

    /// <summary>Upserts the batch's AcousticBrainz records; adds "acousticbrainz_lowlevel" and "acousticbrainz_highlevel" to
    /// <paramref name="stored"/> when the batch has such records.</summary>
    /// <param name="connection">The writer's open connection.</param>
    /// <param name="transaction">The batch's transaction.</param>
    /// <param name="batch">The batch.</param>
    /// <param name="trackId">Resolves a track key to its id (throws <see cref="UnknownKeyException"/> for an unknown key).</param>
    /// <param name="isDistinctFrom">The provider's null-safe inequality: "IS NOT" (SQLite) or "IS DISTINCT FROM" (PostgreSQL).</param>
    /// <param name="stored">Rows inserted or changed, per table.</param>
    public static void Write(
        DbConnection connection, DbTransaction transaction, CatalogBatch batch, Func<string, long> trackId, string isDistinctFrom, SortedDictionary<string, long> stored)
    {
        if (batch.AcousticBrainzLowLevel.Count > 0)
        {
            using var cmd = Command(connection, transaction, LowLevelUpsert(isDistinctFrom), [DbType.Int64, DbType.String, .. Enumerable.Repeat(DbType.Double, LowLevelColumns.Length - 1)]);
            long n = 0;
            foreach (var r in batch.AcousticBrainzLowLevel)
            {
                var v = r.Values;
                if (v.MfccMean is not null && v.MfccMean.Count != AcousticBrainzLowLevel.MfccCount)
                {
                    throw new ArgumentException($"The AcousticBrainz record of '{r.TrackKey}' has {v.MfccMean.Count} MFCC means, expected {AcousticBrainzLowLevel.MfccCount}.", nameof(batch));
                }

                object?[] values =
                [
                    trackId(r.TrackKey), v.KeyProfile, v.KeyStrength, v.RhythmDanceability, v.AverageLoudness, v.IntegratedLoudnessLufs,
                    v.ReplayGainDb, v.DynamicComplexity, v.OnsetRate, v.SpectralCentroidHz, v.SpectralRolloffHz, v.SpectralFlatnessDb,
                    v.SpectralFlux, v.SpectralEntropy, v.ZeroCrossingRate,
                    .. Enumerable.Range(0, AcousticBrainzLowLevel.MfccCount).Select(i => (object?)v.MfccMean?[i]),
                ];
                n += Execute(cmd, values);
            }

            CatalogKeyCache.AddStored(stored, "acousticbrainz_lowlevel", n);
        }

        if (batch.AcousticBrainzHighLevel.Count > 0)
        {
            using var cmd = Command(connection, transaction, HighLevelUpsert(isDistinctFrom), [DbType.Int64, DbType.String, DbType.String, DbType.Double, DbType.String]);
            long n = 0;
            foreach (var r in batch.AcousticBrainzHighLevel)
            {
                n += Execute(cmd, [trackId(r.TrackKey), r.Model, r.Value, r.Probability, r.Distribution]);
            }

            CatalogKeyCache.AddStored(stored, "acousticbrainz_highlevel", n);
        }
    }

    private static string LowLevelUpsert(string isDistinctFrom)
    {
        var columns = string.Join(", ", LowLevelColumns);
        var parameters = string.Join(", ", Enumerable.Range(0, LowLevelColumns.Length + 1).Select(i => "@p" + i));
        var set = string.Join(", ", LowLevelColumns.Select(c => $"{c} = COALESCE(excluded.{c}, acousticbrainz_lowlevel.{c})"));
        var changed = string.Join(" OR ", LowLevelColumns.Select(c => $"acousticbrainz_lowlevel.{c} {isDistinctFrom} COALESCE(excluded.{c}, acousticbrainz_lowlevel.{c})"));
        return $"INSERT INTO acousticbrainz_lowlevel (track_id, {columns}) VALUES ({parameters}) ON CONFLICT (track_id) DO UPDATE SET {set} WHERE {changed}";
    }

    private static string HighLevelUpsert(string isDistinctFrom) =>
        "INSERT INTO acousticbrainz_highlevel (track_id, model, value, probability, distribution) VALUES (@p0, @p1, @p2, @p3, @p4) "
        + "ON CONFLICT (track_id, model) DO UPDATE SET value = excluded.value, probability = excluded.probability, "
        + "distribution = COALESCE(excluded.distribution, acousticbrainz_highlevel.distribution) "
        + $"WHERE acousticbrainz_highlevel.value <> excluded.value OR acousticbrainz_highlevel.probability <> excluded.probability "
        + $"OR acousticbrainz_highlevel.distribution {isDistinctFrom} COALESCE(excluded.distribution, acousticbrainz_highlevel.distribution)";

    /// <summary>A command with one parameter per type, <c>@p0</c>…; typed explicitly so a NULL has its column's type on
    /// PostgreSQL too.</summary>
    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, DbType[] types)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        for (var i = 0; i < types.Length; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@p" + i;
            p.DbType = types[i];
            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    private static long Execute(DbCommand cmd, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return cmd.ExecuteNonQuery();
    }
}
