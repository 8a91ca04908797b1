namespace SoundGraph.Ingest.LocalAudio;

/// <summary>What happened to one file.</summary>
public enum LocalAudioStatus
{
    /// <summary>Analysed and stored.</summary>
    Analyzed,

    /// <summary>Its content hash was already analysed with the current extractor version (by an earlier run, or another
    /// file of this run with the same bytes).</summary>
    Skipped,

    /// <summary>Could not be analysed; <see cref="LocalAudioFileResult.Reason"/> says why.</summary>
    Failed,
}

/// <summary>One file's outcome.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Status">What happened.</param>
/// <param name="TrackId">The track it was stored as (analysed files), else null.</param>
/// <param name="TrackKey">That track's key, else null.</param>
/// <param name="MatchMethod">How it was resolved (<c>mbid</c>, <c>isrc</c>, <c>name</c>, <c>new</c>), else null.</param>
/// <param name="Reason">For a failure: one line naming the file with ffmpeg's message; for a skip, why; else null.</param>
/// <param name="AudioSeconds">Seconds of audio analysed (0 unless analysed).</param>
public sealed record LocalAudioFileResult(string Path, LocalAudioStatus Status, long? TrackId, string? TrackKey, string? MatchMethod, string? Reason, double AudioSeconds);

/// <summary>Progress after each file: counts, audio analysed and speed.</summary>
/// <param name="Done">Files finished (analysed, skipped or failed).</param>
/// <param name="Total">Files in the run.</param>
/// <param name="Analyzed">Files analysed and stored so far.</param>
/// <param name="Skipped">Files skipped so far.</param>
/// <param name="Failed">Files failed so far.</param>
/// <param name="AudioSeconds">Seconds of audio analysed so far.</param>
/// <param name="Elapsed">Wall-clock time since the run started.</param>
/// <param name="Last">The file just finished.</param>
public sealed record LocalAudioProgress(int Done, int Total, int Analyzed, int Skipped, int Failed, double AudioSeconds, TimeSpan Elapsed, LocalAudioFileResult Last)
{
    /// <summary>Audio hours analysed so far.</summary>
    public double AudioHours => AudioSeconds / 3600;

    /// <summary>Seconds of audio analysed per wall-clock second (all workers together); 0 at the start.</summary>
    public double TimesRealTime => Elapsed.TotalSeconds > 0 ? AudioSeconds / Elapsed.TotalSeconds : 0;
}

/// <summary>The outcome of a run.</summary>
/// <param name="Files">Every file's outcome, in path order.</param>
/// <param name="Seconds">Wall-clock seconds of the run.</param>
/// <param name="Workers">Files analysed at once.</param>
public sealed record LocalAudioSummary(IReadOnlyList<LocalAudioFileResult> Files, double Seconds, int Workers)
{
    /// <summary>Files analysed and stored.</summary>
    public int Analyzed => Files.Count(f => f.Status == LocalAudioStatus.Analyzed);

    /// <summary>Files skipped (already analysed).</summary>
    public int Skipped => Files.Count(f => f.Status == LocalAudioStatus.Skipped);

    /// <summary>The files that failed, each with its one-line reason.</summary>
    public IReadOnlyList<LocalAudioFileResult> Failures => Files.Where(f => f.Status == LocalAudioStatus.Failed).ToList();

    /// <summary>Analysed files resolved by <paramref name="method"/>.</summary>
    public int MatchedBy(string method) => Files.Count(f => f.MatchMethod == method);

    /// <summary>Seconds of audio analysed.</summary>
    public double AudioSeconds => Files.Sum(f => f.AudioSeconds);

    /// <summary>Seconds of audio per wall-clock second.</summary>
    public double TimesRealTime => Seconds > 0 ? AudioSeconds / Seconds : 0;
}
