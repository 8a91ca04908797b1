using System.Globalization;
using SoundGraph.Core.Unveil;

namespace SoundGraph.Storage.Unveil;

/// <content>The track summary's line on features analysed from the user's own file (<c>sgr audio analyze</c>).</content>
public sealed partial class UnveilReader
{
    /// <summary>The statement behind <see cref="LocalAudioFact"/> (parameter @id, the track): the most recent
    /// <c>audio_analysis</c> row of the track, at most one row: analysis time (ISO 8601 text), tempo (BPM), pitch class 0–11, mode (1 major), integrated loudness (LUFS) and loudness range (LU); null where the analysis found none.</summary>
    private const string LocalAudioSql = """
        SELECT f.analyzed_at, a.tempo_bpm, a.key_pitch_class, a.mode, a.integrated_lufs, a.loudness_range_lu
        FROM audio_analysis a JOIN audio_files f ON f.id = a.file_id
        WHERE a.track_id = @id ORDER BY f.analyzed_at DESC, f.id DESC LIMIT 1
        """;

    /// <summary>"features from your file, analyzed 2026-12-03: 123 BPM, A minor, −9.5 LUFS, LRA 4.2 LU" from the rows of
    /// <see cref="LocalAudioSql"/>, or null when none of the user's files resolved to the track (no row).</summary>
    private static UnveilFact? LocalAudioFact(List<(string AnalyzedAt, double? Tempo, long? Key, long? Mode, double? Lufs, double Lra)> rows)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var r = rows[0];
        var parts = new List<string>
        {
            r.Tempo is { } bpm ? string.Create(CultureInfo.InvariantCulture, $"{bpm:0} BPM") : "no steady tempo",
            r.Key is >= 0 and < 12 ? PitchClasses[r.Key.Value] + (r.Mode == 1 ? " major" : " minor") : "no key",
            r.Lufs is { } lufs ? string.Create(CultureInfo.InvariantCulture, $"{lufs:0.0} LUFS") : "silent",
            string.Create(CultureInfo.InvariantCulture, $"LRA {r.Lra:0.0} LU"),
        };
        var date = r.AnalyzedAt.Length >= 10 ? r.AnalyzedAt[..10] : r.AnalyzedAt;
        return new UnveilFact("your file", $"features from your file, analyzed {date}: {string.Join(", ", parts)} (sgr audio show for all)");
    }
}
