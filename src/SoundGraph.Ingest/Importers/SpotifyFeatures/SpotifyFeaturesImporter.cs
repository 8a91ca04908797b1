using System.Globalization;
using CsvHelper;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.SpotifyFeatures;

/// <summary>
/// Imports CSV files of Spotify tracks with audio features, in any of the <see cref="SpotifyFeaturesLayout.Known"/> layouts
/// (detected by header: Kaggle top songs, Kaggle Spotify Tracks Dataset, TidyTuesday 2020-01-21 spotify_songs, the MSD +
/// Spotify music info) or in any layout whose columns <see cref="ColumnMap"/> names; optionally gzipped.
/// </summary>
/// <remarks>
/// <para>Per row: a track <c>spotify:track:&lt;id&gt;</c> (or, without an id field, the (first artist, title) name key) with
/// title, first artist as primary name, album, duration, streams, weeks on chart, label and genre where the layout has them
/// (a field the layout lacks is stored as unknown, null); artists by name (<see cref="EntityKeys.ArtistByName"/>) split as
/// the layout lists them (<see cref="ArtistListStyle"/>), the first credited Primary at position 0, the others Featured at
/// 1..n; the label <see cref="EntityKeys.Label"/>(label); Spotify's popularity (0–100) into the track's popularity; audio
/// features from extractor "spotify" when the row has at least one known feature value: a feature the layout lacks, an
/// empty cell, key −1 and time signature 0 are unknown (null), never a reason to reject the row or drop its other
/// features (see <see cref="SpotifyFeaturesRow"/>).</para>
/// <para>Rejected with "line N" (physical line where the record starts, header = 1) and the field and value in the reason:
/// a wrong field count, a missing id or title, a repeated id (counted as skipped instead in layouts where a track repeats
/// once per playlist or genre), an unparsable number, key, mode or time signature, a value out of range (see
/// <see cref="SpotifyFeaturesRow"/>), and malformed CSV quoting.</para>
/// <para>Read counts: <c>tracks</c> (rows). The report's notes give the layout and its column → field mapping, and the
/// audio-feature fields the layout lacks (unknown on every row).</para>
/// </remarks>
public sealed class SpotifyFeaturesImporter : IImporter
{
    /// <summary>The columns of the top-songs file, the layout read when no other is detected first (in any order).</summary>
    public static IReadOnlyList<string> Columns { get; } = [.. SpotifyFeaturesLayout.TopSongs.Columns.Select(c => c.Key)];

    /// <summary>A <c>--map</c> value, "column=field,…" (fields: <see cref="SpotifyFeaturesLayout.Fields"/>), used instead of
    /// detecting the layout.</summary>
    /// <value>Default null: detect the layout by header. Parsed by <see cref="SpotifyFeaturesLayout.ParseMap"/> when the import
    /// starts, so an unknown field is an <see cref="ArgumentException"/> before the file is opened.</value>
    public string? ColumnMap { get; init; }

    /// <summary>Records per batch written to the store.</summary>
    /// <value>Default 10,000; at least 1. A playlist's entries always go into one batch, so a batch may exceed it by one
    /// playlist.</value>
    public int BatchSize { get; init; } = BatchBuffer.DefaultFlushThreshold;

    /// <summary>How the file is decoded.</summary>
    /// <value>Default <see cref="InputEncoding.Detect"/>: each line as UTF-8, or as Windows-1252 when it is not valid UTF-8
    /// (noted in the report); with <see cref="InputEncoding.Utf8"/> a row with a line that is not valid UTF-8 is rejected.</value>
    public InputEncoding TextEncoding { get; init; }

    /// <inheritdoc/>
    public string Format => "spotify-features";

    /// <inheritdoc/>
    public string Description => "CSV of Spotify tracks with audio features: Kaggle top songs, Spotify Tracks Dataset, TidyTuesday spotify_songs, MSD music info, or any layout with --map (optionally .gz)";

    /// <inheritdoc/>
    public async Task<ImportReport> ImportAsync(string path, ICatalogWriter writer, IRejectSink rejects, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        var mapped = ColumnMap is null ? null : SpotifyFeaturesLayout.ParseMap(ColumnMap);
        var report = new ImportReport(Format);
        var reject = new RejectRecorder(rejects, report);
        var batch = new BatchBuffer(writer, report, BatchSize);
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = bad =>
            {
                report.CountRead("tracks");
                reject.Add(
                    path,
                    "line " + bad.LineNumber.ToString(CultureInfo.InvariantCulture),
                    bad.Reason == CsvMalformedReason.FieldCountMismatch ? "The row's field count differs from the header's." : $"The row has malformed CSV quoting ({bad.Reason}).",
                    bad.RawRecord);
            },
        };

        var text = await ImportInput.OpenTextAsync(path, TextEncoding, report, progress, cancellationToken).ConfigureAwait(false);
        var csv = CsvReader.Create(text, options, leaveOpen: false);
        await using (csv.ConfigureAwait(false))
        {
            IReadOnlyList<string> header;
            try
            {
                await csv.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
                header = csv.Headers;
            }
            catch (CsvFormatException ex)
            {
                throw new InputFormatException($"'{path}' is not a Spotify audio-features CSV: its header cannot be read as CSV.", ex);
            }

            var layout = mapped ?? SpotifyFeaturesLayout.Detect(header) ?? throw new InputFormatException(
                $"'{path}' is in no known Spotify audio-feature layout ({string.Join(", ", SpotifyFeaturesLayout.Known.Select(l => l.Name))}); "
                + "name its columns with --map column=field,…");
            var row = new SpotifyFeaturesRow(layout, layout.Resolve(header, path));
            report.Notes.Add(layout.Describe());
            var missing = layout.MissingFeatureFields();
            if (!row.HasFeatures)
            {
                report.Notes.Add("no audio features stored: the layout has no audio-feature column (" + string.Join(", ", missing) + ")");
            }
            else if (missing.Count > 0)
            {
                report.Notes.Add("audio features unknown (stored as null) for every row: the layout lacks " + string.Join(", ", missing));
            }

            var fields = new string[header.Count];
            while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                report.CountRead("tracks");
                var line = csv.LineNumber;
                if (text.HasErrors && text.TakeError(line, line + csv.Current.ToString().AsSpan().TrimEnd("\r\n").Count('\n')) is { } undecodable)
                {
                    // Under --encoding utf-8 only: a line of the record is not valid UTF-8 (its text holds U+FFFD).
                    reject.Add(path, "line " + line.ToString(CultureInfo.InvariantCulture), undecodable + ".", csv.Current.ToString());
                    continue;
                }

                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = csv.GetString(i);
                }

                var error = row.Map(fields, batch, seenIds, out var repeated);
                if (repeated)
                {
                    report.CountSkipped("repeated track (already imported from an earlier row)");
                    continue;
                }

                if (error is not null)
                {
                    reject.Add(path, "line " + line.ToString(CultureInfo.InvariantCulture), error, csv.Current.ToString());
                    continue;
                }

                await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }
}
