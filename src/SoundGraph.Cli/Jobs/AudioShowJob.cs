using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Storage;
using SoundGraph.Storage.Audio;

namespace SoundGraph.Cli.Jobs;

/// <summary><c>sgr audio show</c>: a track's features analysed from the user's own file(s), every column with its unit.</summary>
public static class AudioShowJob
{
    private static readonly string[] PitchClasses = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    /// <summary>Resolves <paramref name="query"/> to a track and prints its most recent analysis (and the paths of any
    /// other analysed files of it); JSON gives them all.</summary>
    /// <param name="context">Consoles.</param>
    /// <param name="store">The open store.</param>
    /// <param name="query">A track id, key or name.</param>
    /// <param name="json">Print JSON instead of text.</param>
    /// <param name="ct">Cancels the queries.</param>
    /// <returns>0; <see cref="CliApp.NeedsChoice"/> (2) when the query is ambiguous or matches nothing.</returns>
    /// <exception cref="InvalidOperationException">The track has no analysis of a local file.</exception>
    public static async Task<int> RunAsync(CliContext context, SoundGraphStore store, string query, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var resolution = await store.Resolver.ResolveAsync(query, "track", ct).ConfigureAwait(false);
        if (resolution.Match is not { } track)
        {
            UnveilRenderer.RenderUnresolved(context.Console, query, resolution, json);
            return CliApp.NeedsChoice;
        }

        var analyses = await store.Audio.ForTrackAsync(track.Id, ct).ConfigureAwait(false);
        if (analyses.Count == 0)
        {
            throw new InvalidOperationException($"{track.Name} (track:{track.Id}) has no analysis of a local file; run `sgr audio analyze <file>` first.");
        }

        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(new
            {
                track = new { id = track.Id, name = track.Name, matched_by = resolution.How },
                units = AudioAnalysisColumns.All.ToDictionary(c => c.Name, c => c.Unit),
                analyses = analyses.Select(a => new
                {
                    path = a.Path,
                    size_bytes = a.SizeBytes,
                    modified_utc = a.ModifiedUtc,
                    sha256 = a.Sha256,
                    extractor_version = a.ExtractorVersion,
                    match_method = a.MatchMethod,
                    analyzed_at = a.AnalyzedAt,
                    key_profile = a.KeyProfile,
                    features = AudioAnalysisColumns.Names.ToDictionary(n => n, n => a[n]),
                }),
            }));
            return 0;
        }

        var latest = analyses[0];
        w.WriteLine($"{track.Name} (track:{track.Id})");
        w.WriteLine($"  file: {latest.Path} ({Numbers.Count(latest.SizeBytes)} bytes, modified {latest.ModifiedUtc}, sha256 {latest.Sha256})");
        w.WriteLine($"  analysed {latest.AnalyzedAt} with {latest.ExtractorVersion}; track found by {Method(latest.MatchMethod)}");
        if (KeyName(latest) is { } key)
        {
            w.WriteLine($"  key: {key} ({latest.KeyProfile} profile)");
        }

        var width = AudioAnalysisColumns.Names.Max(n => n.Length);
        foreach (var c in AudioAnalysisColumns.All)
        {
            var value = latest[c.Name] is { } v ? Format(c.Name, v) : "unknown";
            var unit = c.Unit.Length > 0 ? " " + c.Unit : string.Empty;
            w.WriteLine($"  {c.Name.PadRight(width)}  {value}{unit}  ({c.Description})");
        }

        foreach (var other in analyses.Skip(1))
        {
            w.WriteLine($"  also analysed: {other.Path} ({other.AnalyzedAt}; `--json` shows its values)");
        }

        return 0;
    }

    /// <summary>"A minor", or null when no key was found.</summary>
    internal static string? KeyName(StoredAudioAnalysis a) =>
        a["key_pitch_class"] is { } pc && a["mode"] is { } mode ? $"{PitchClasses[(int)pc]} {(mode == 1 ? "major" : "minor")}" : null;

    private static string Method(string method) => method switch
    {
        AudioMatchMethods.Mbid => "its MusicBrainz recording id tag",
        AudioMatchMethods.Isrc => "its ISRC tag",
        AudioMatchMethods.Name => "artist and title (a name match)",
        _ => "none: a new track keyed by the file's hash",
    };

    private static string Format(string column, double v) => column is "channels" or "key_pitch_class" or "mode"
        ? v.ToString("0", CultureInfo.InvariantCulture)
        : v.ToString(Math.Abs(v) >= 100 ? "0.0" : "0.####", CultureInfo.InvariantCulture);
}
