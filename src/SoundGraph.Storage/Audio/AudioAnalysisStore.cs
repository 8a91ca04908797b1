using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;

namespace SoundGraph.Storage.Audio;

/// <summary>Reads and writes local audio analyses (<c>audio_files</c>, <c>audio_analysis</c>, migration 0010) with portable
/// SQL (both providers), and the subset that fits <c>audio_features</c> (extractor = the extractor version).</summary>
/// <remarks>Not thread-safe: one store connection serves one caller at a time (the analysis service writes from one
/// task). Each <see cref="SaveAsync"/> is its own transaction, so a run killed between two files keeps every file saved
/// before the kill and a rerun skips them (<see cref="AnalyzedHashesAsync"/>).</remarks>
public sealed class AudioAnalysisStore
{
    /// <summary><c>audio_files.status</c> of an analysed file.</summary>
    public const string Analyzed = "analyzed";

    /// <summary><c>audio_files.status</c> of a file that could not be analysed (retried by the next run).</summary>
    public const string Failed = "failed";

    private static readonly HashSet<string> IntegerColumns = new(StringComparer.Ordinal) { "channels", "key_pitch_class", "mode" };

    private static readonly string InsertAnalysisSql =
        "INSERT INTO audio_analysis (file_id, track_id, extractor_version, key_profile, " + string.Join(", ", AudioAnalysisColumns.Names) + ") VALUES " +
        "(@file_id, @track_id, @extractor_version, @key_profile, " + string.Join(", ", AudioAnalysisColumns.Names.Select(n => "@" + n)) + ")";

    private static readonly string SelectSql =
        "SELECT f.id AS file_id, a.track_id, f.path, f.size_bytes, f.modified_utc, f.sha256, f.extractor_version, f.match_method, f.analyzed_at, a.key_profile, " +
        string.Join(", ", AudioAnalysisColumns.Names.Select(n => "a." + n)) +
        " FROM audio_analysis a JOIN audio_files f ON f.id = a.file_id";

    private readonly DbConnection _connection;

    /// <summary>Creates the store over an open, migrated connection.</summary>
    /// <param name="connection">The store's connection.</param>
    public AudioAnalysisStore(DbConnection connection) => _connection = connection ?? throw new ArgumentNullException(nameof(connection));

    /// <summary>The content hashes analysed with <paramref name="extractorVersion"/> (status analyzed): the files a run skips.</summary>
    /// <param name="extractorVersion">E.g. "soundgraph-audio/2".</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>Lower-case hex SHA-256 values.</returns>
    public async Task<IReadOnlySet<string>> AnalyzedHashesAsync(string extractorVersion, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(extractorVersion);
        var rows = await _connection.QueryAsync<string>(new CommandDefinition(
            "SELECT sha256 FROM audio_files WHERE extractor_version = @extractorVersion AND status = 'analyzed'",
            new { extractorVersion },
            cancellationToken: ct)).ConfigureAwait(false);
        return rows.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Stores one analysis in one transaction: the <c>audio_files</c> row (inserted, or the row of the same hash and
    /// version updated), its <c>audio_analysis</c> row (replaced) and the <c>audio_features</c> row of the track with
    /// extractor = the version (tempo_bpm, musical_key, mode, loudness_db = integrated LUFS; replaced, so the latest analysis
    /// of a track's files wins there; the seven 0–1 descriptors stay NULL).</summary>
    /// <param name="analysis">The analysis; the track must be stored.</param>
    /// <param name="ct">Cancels the write (nothing of it is stored).</param>
    /// <returns>The <c>audio_files</c> id.</returns>
    /// <exception cref="ArgumentException">A feature column is missing, or a non-nullable one is null.</exception>
    /// <exception cref="DbException">The database refused the rows (e.g. an unknown track); nothing was stored.</exception>
    public async Task<long> SaveAsync(AudioAnalysisToSave analysis, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var values = Check(analysis.Features);
        await using var tx = await _connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var fileId = await UpsertFileAsync(analysis.File, analysis.ExtractorVersion, Analyzed, null, analysis.TrackId, analysis.MatchMethod, analysis.AnalyzedAtUtc, tx, ct).ConfigureAwait(false);
        await _connection.ExecuteAsync(new CommandDefinition("DELETE FROM audio_analysis WHERE file_id = @fileId", new { fileId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var p = new DynamicParameters();
        p.Add("file_id", fileId, DbType.Int64);
        p.Add("track_id", analysis.TrackId, DbType.Int64);
        p.Add("extractor_version", analysis.ExtractorVersion, DbType.String);
        p.Add("key_profile", analysis.KeyProfile, DbType.String);
        foreach (var (name, value) in values)
        {
            if (IntegerColumns.Contains(name))
            {
                p.Add(name, value is { } v ? (long)Math.Round(v) : null, DbType.Int64);
            }
            else
            {
                p.Add(name, value, DbType.Double);
            }
        }

        await _connection.ExecuteAsync(new CommandDefinition(InsertAnalysisSql, p, tx, cancellationToken: ct)).ConfigureAwait(false);
        var f = new DynamicParameters();
        f.Add("track_id", analysis.TrackId, DbType.Int64);
        f.Add("extractor", analysis.ExtractorVersion, DbType.String);
        f.Add("loudness_db", values["integrated_lufs"], DbType.Double);
        f.Add("tempo_bpm", values["tempo_bpm"], DbType.Double);
        f.Add("musical_key", values["key_pitch_class"] is { } key ? (long)key : null, DbType.Int64);
        f.Add("mode", values["mode"] is { } mode ? (long)mode : null, DbType.Int64);
        await _connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audio_features (track_id, extractor, loudness_db, tempo_bpm, musical_key, mode)
            VALUES (@track_id, @extractor, @loudness_db, @tempo_bpm, @musical_key, @mode)
            ON CONFLICT (track_id, extractor) DO UPDATE SET loudness_db = excluded.loudness_db, tempo_bpm = excluded.tempo_bpm,
                musical_key = excluded.musical_key, mode = excluded.mode
            """,
            f,
            tx,
            cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return fileId;
    }

    /// <summary>Records that a file could not be analysed (status failed, with the reason); a file of the same hash and
    /// version already analysed is left as it is. The next run retries it.</summary>
    /// <param name="file">The file.</param>
    /// <param name="extractorVersion">The extractor's version.</param>
    /// <param name="reason">One line: ffmpeg's message, or why the file could not be read.</param>
    /// <param name="atUtc">When it failed.</param>
    /// <param name="ct">Cancels the write.</param>
    public async Task SaveFailureAsync(AudioFileIdentity file, string extractorVersion, string reason, DateTimeOffset atUtc, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(reason);
        await using var tx = await _connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await UpsertFileAsync(file, extractorVersion, Failed, reason, null, null, atUtc, tx, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The analyses of a track's files, the most recent first (several files may resolve to one track).</summary>
    /// <param name="trackId">Track id.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The analyses; empty when none of the user's files resolved to the track.</returns>
    public async Task<IReadOnlyList<StoredAudioAnalysis>> ForTrackAsync(long trackId, CancellationToken ct = default)
    {
        var list = new List<StoredAudioAnalysis>();
        await using var cmd = _connection.CreateCommand();
        cmd.CommandText = SelectSql + " WHERE a.track_id = @trackId ORDER BY f.analyzed_at DESC, f.id DESC";
        var parameter = cmd.CreateParameter();
        parameter.ParameterName = "trackId";
        parameter.DbType = DbType.Int64;
        parameter.Value = trackId;
        cmd.Parameters.Add(parameter);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var features = new Dictionary<string, double?>(StringComparer.Ordinal);
            foreach (var name in AudioAnalysisColumns.Names)
            {
                var o = reader.GetOrdinal(name);
                features[name] = reader.IsDBNull(o) ? null : Convert.ToDouble(reader.GetValue(o), CultureInfo.InvariantCulture);
            }

            list.Add(new StoredAudioAnalysis(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture),
                reader.GetString(2),
                Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                features));
        }

        return list;
    }

    /// <summary>Files recorded as failed with <paramref name="extractorVersion"/>: (path, reason), in path order.</summary>
    /// <param name="extractorVersion">The extractor's version.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The failed files.</returns>
    public async Task<IReadOnlyList<(string Path, string Reason)>> FailuresAsync(string extractorVersion, CancellationToken ct = default) =>
        (await _connection.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT path, error FROM audio_files WHERE extractor_version = @extractorVersion AND status = 'failed' ORDER BY path",
            new { extractorVersion },
            cancellationToken: ct)).ConfigureAwait(false)).ToList();

    /// <summary>The ISO 8601 UTC text the table stores for <paramref name="utc"/> (<c>2026-12-03T10:00:00.0000000Z</c>).</summary>
    public static string Timestamp(DateTime utc) => DateTime.SpecifyKind(utc.ToUniversalTime(), DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    private async Task<long> UpsertFileAsync(
        AudioFileIdentity file, string extractorVersion, string status, string? error, long? trackId, string? method, DateTimeOffset at, DbTransaction tx, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(extractorVersion);
        var p = new DynamicParameters();
        p.Add("path", file.Path, DbType.String);
        p.Add("size", file.SizeBytes, DbType.Int64);
        p.Add("modified", Timestamp(file.ModifiedUtc), DbType.String);
        p.Add("sha", file.Sha256, DbType.String);
        p.Add("version", extractorVersion, DbType.String);
        p.Add("status", status, DbType.String);
        p.Add("error", error, DbType.String);
        p.Add("track", trackId, DbType.Int64);
        p.Add("method", method, DbType.String);
        p.Add("at", Timestamp(at.UtcDateTime), DbType.String);
        // A failure never overwrites an analysed row of the same content (two copies of one file, one unreadable).
        var keepAnalyzed = status == Failed ? " WHERE audio_files.status <> 'analyzed'" : string.Empty;
        await _connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audio_files (path, size_bytes, modified_utc, sha256, extractor_version, status, error, track_id, match_method, analyzed_at)
            VALUES (@path, @size, @modified, @sha, @version, @status, @error, @track, @method, @at)
            ON CONFLICT (sha256, extractor_version) DO UPDATE SET path = excluded.path, size_bytes = excluded.size_bytes,
                modified_utc = excluded.modified_utc, status = excluded.status, error = excluded.error, track_id = excluded.track_id,
                match_method = excluded.match_method, analyzed_at = excluded.analyzed_at
            """ + keepAnalyzed,
            p,
            tx,
            cancellationToken: ct)).ConfigureAwait(false);
        return await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT id FROM audio_files WHERE sha256 = @sha AND extractor_version = @version",
            new { sha = file.Sha256, version = extractorVersion },
            tx,
            cancellationToken: ct)).ConfigureAwait(false);
    }

    private static Dictionary<string, double?> Check(IReadOnlyDictionary<string, double?> features)
    {
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var name in AudioAnalysisColumns.Names)
        {
            if (!features.TryGetValue(name, out var value))
            {
                throw new ArgumentException($"The analysis has no value for {name}.", nameof(features));
            }

            value = value is { } v && double.IsFinite(v) ? v : null;
            if (value is null && !AudioAnalysisColumns.Nullable.Contains(name))
            {
                throw new ArgumentException($"{name} must be a finite number (only {string.Join(", ", AudioAnalysisColumns.Nullable)} may be unknown).", nameof(features));
            }

            values[name] = value;
        }

        return values;
    }
}
