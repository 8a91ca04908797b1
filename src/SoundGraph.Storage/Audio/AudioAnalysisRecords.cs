namespace SoundGraph.Storage.Audio;

/// <summary>What the store keeps of a file itself: never its audio, only where it was, its size, modification time and
/// content hash (a row of <c>audio_files</c>, migration 0010).</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="SizeBytes">Size in bytes.</param>
/// <param name="ModifiedUtc">Last write time, UTC.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes: the identity a re-analysis is skipped by.</param>
public sealed record AudioFileIdentity(string Path, long SizeBytes, DateTime ModifiedUtc, string Sha256);

/// <summary>How an analysed file was resolved to a track (<c>audio_files.match_method</c>).</summary>
public static class AudioMatchMethods
{
    /// <summary>By the file's MusicBrainz recording id tag.</summary>
    public const string Mbid = "mbid";

    /// <summary>By the file's ISRC tag.</summary>
    public const string Isrc = "isrc";

    /// <summary>By normalized artist and title: a name match, reported as such.</summary>
    public const string Name = "name";

    /// <summary>No stored track matched: a new track keyed <c>file:&lt;sha256&gt;</c>.</summary>
    public const string New = "new";
}

/// <summary>One analysis to store: the file, the track it was resolved to and every feature value.</summary>
/// <param name="File">The file's identity.</param>
/// <param name="ExtractorVersion">The extractor's version, e.g. "soundgraph-audio/2".</param>
/// <param name="TrackId">The track the file was resolved to (stored).</param>
/// <param name="MatchMethod">One of <see cref="AudioMatchMethods"/>.</param>
/// <param name="KeyProfile">The key profile the key was found with (e.g. "krumhansl-kessler"), or null.</param>
/// <param name="Features">Feature values by column name (<see cref="AudioAnalysisColumns.Names"/>, all present); null for a
/// value not defined for this file (only in <see cref="AudioAnalysisColumns.Nullable"/> columns). Non-finite values are
/// stored as NULL.</param>
/// <param name="AnalyzedAtUtc">When the analysis finished, UTC.</param>
public sealed record AudioAnalysisToSave(
    AudioFileIdentity File,
    string ExtractorVersion,
    long TrackId,
    string MatchMethod,
    string? KeyProfile,
    IReadOnlyDictionary<string, double?> Features,
    DateTimeOffset AnalyzedAtUtc);

/// <summary>A stored analysis as <c>sgr audio show</c> and unveil read it.</summary>
/// <param name="FileId">The <c>audio_files</c> id.</param>
/// <param name="TrackId">The track.</param>
/// <param name="Path">The file's path when it was analysed.</param>
/// <param name="SizeBytes">Size in bytes.</param>
/// <param name="ModifiedUtc">The file's last write time (ISO 8601 UTC, as stored).</param>
/// <param name="Sha256">Hex SHA-256 of the file.</param>
/// <param name="ExtractorVersion">The extractor's version.</param>
/// <param name="MatchMethod">One of <see cref="AudioMatchMethods"/>.</param>
/// <param name="AnalyzedAt">When it was analysed (ISO 8601 UTC, as stored).</param>
/// <param name="KeyProfile">The key profile, or null.</param>
/// <param name="Features">Every column of <see cref="AudioAnalysisColumns.All"/>, null where not defined.</param>
public sealed record StoredAudioAnalysis(
    long FileId,
    long TrackId,
    string Path,
    long SizeBytes,
    string ModifiedUtc,
    string Sha256,
    string ExtractorVersion,
    string MatchMethod,
    string AnalyzedAt,
    string? KeyProfile,
    IReadOnlyDictionary<string, double?> Features)
{
    /// <summary>The value of <paramref name="column"/>, or null when not defined.</summary>
    /// <exception cref="KeyNotFoundException"><paramref name="column"/> is not a feature column.</exception>
    public double? this[string column] => Features[column];
}
