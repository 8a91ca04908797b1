using System.Globalization;
using CsvHelper;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.SpotifyFeatures;

/// <summary>
/// Imports the "Spotify Top Songs and Audio Features" CSV (Kaggle; Spotify weekly charts 2017–2022 joined with the Web
/// API audio features): header <c>id, artist_names, track_name, source, key, mode, time_signature, danceability, energy,
/// speechiness, acousticness, instrumentalness, liveness, valence, loudness, tempo, duration_ms, weeks_on_chart,
/// streams</c>, optionally gzipped.
/// </summary>
/// <remarks>
/// <para>Per row: a track <c>spotify:track:&lt;id&gt;</c> (title, first artist as primary name, duration, streams, weeks on
/// chart, label); artists by name (<see cref="EntityKeys.ArtistByName"/>) split by
/// <see cref="SpotifyFeaturesParsers.SplitArtistNames"/>, the first credited Primary at position 0, the others Featured at
/// 1..n; the label <see cref="EntityKeys.Label"/>(source); audio features from extractor "spotify" (key as pitch class,
/// −1 when unknown).</para>
/// <para>Rejected with "line N" (physical line, header = 1): a wrong field count, a missing id or track_name, a repeated
/// id, an unparsable number, mode or time signature, and malformed CSV quoting.</para>
/// <para>Read counts: <c>tracks</c> (rows).</para>
/// </remarks>
public sealed class SpotifyFeaturesImporter : IImporter
{
    /// <summary>The columns the file must have (in any order).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "artist_names", "track_name", "source", "key", "mode", "time_signature", "danceability", "energy", "speechiness",
        "acousticness", "instrumentalness", "liveness", "valence", "loudness", "tempo", "duration_ms", "weeks_on_chart", "streams",
    ];

    /// <summary>Records per batch written to the store.</summary>
    /// <value>Default 10,000; at least 1. A playlist's entries always go into one batch, so a batch may exceed it by one
    /// playlist.</value>
    public int BatchSize { get; init; } = BatchBuffer.DefaultFlushThreshold;

    /// <inheritdoc/>
    public string Format => "spotify-features";

    /// <inheritdoc/>
    public string Description => "Spotify top songs with audio features CSV (spotify_top_songs_audio_features.csv, optionally .gz)";

    /// <inheritdoc/>
    public async Task<ImportReport> ImportAsync(string path, ICatalogWriter writer, IRejectSink rejects, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
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

        var stream = await ImportInput.OpenReadAsync(path, progress, cancellationToken).ConfigureAwait(false);
        var csv = CsvReader.Create(stream, options, leaveOpen: false);
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
                throw new InputFormatException($"'{path}' is not the Spotify top-songs CSV: its header cannot be read as CSV.", ex);
            }

            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++)
            {
                index.TryAdd(header[i].Trim().TrimStart('\uFEFF'), i);
            }

            var missing = Columns.Where(c => !index.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                throw new InputFormatException($"'{path}' is not the Spotify top-songs CSV: its header lacks {string.Join(", ", missing)}.");
            }

            var fields = new string[header.Count];
            while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                report.CountRead("tracks");
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = csv.GetString(i);
                }

                var error = MapRow(fields, index, batch, seenIds);
                if (error is not null)
                {
                    reject.Add(path, "line " + csv.LineNumber.ToString(CultureInfo.InvariantCulture), error, csv.Current.ToString());
                    continue;
                }

                await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static string? MapRow(string[] f, Dictionary<string, int> index, BatchBuffer batch, HashSet<string> seenIds)
    {
        string Get(string column) => f[index[column]].Trim();

        var id = Get("id");
        var title = Get("track_name");
        if (id.Length == 0)
        {
            return "The row has no id.";
        }

        if (title.Length == 0)
        {
            return "The row has no track_name.";
        }

        var names = SpotifyFeaturesParsers.SplitArtistNames(Get("artist_names"));
        var numbers = new double[9];
        string[] numberColumns = ["danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "loudness", "tempo"];
        for (var i = 0; i < numberColumns.Length; i++)
        {
            if (!double.TryParse(Get(numberColumns[i]), NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
            {
                return $"{numberColumns[i]} is not a number.";
            }
        }

        if (!long.TryParse(Get("duration_ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var duration))
        {
            return "duration_ms is not an integer.";
        }

        if (!int.TryParse(Get("weeks_on_chart"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var weeks))
        {
            return "weeks_on_chart is not an integer.";
        }

        if (!long.TryParse(Get("streams"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var streams))
        {
            return "streams is not an integer.";
        }

        if (SpotifyFeaturesParsers.ParseMode(Get("mode")) is not { } mode)
        {
            return "mode is neither Major nor Minor.";
        }

        if (SpotifyFeaturesParsers.ParseTimeSignature(Get("time_signature")) is not { } timeSignature)
        {
            return "time_signature is not a number of beats.";
        }

        if (!seenIds.Add(id))
        {
            return $"The id {id} was already imported from an earlier row.";
        }

        var key = EntityKeys.Spotify("track", id);
        var label = Get("source");
        string? labelKey = null;
        if (label.Length > 0)
        {
            labelKey = EntityKeys.Label(label);
            batch.AddLabel(labelKey, label);
        }

        batch.AddTrack(new TrackRecord(key, title, names.Count > 0 ? names[0] : null, null, duration, labelKey, streams, weeks));
        var credited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var artistKey = NameKeys.Artist(name);
            if (!credited.Add(artistKey))
            {
                continue;
            }

            batch.AddArtist(artistKey, name);
            var position = credited.Count - 1;
            batch.Batch.Credits.Add(new CreditRecord(key, artistKey, position == 0 ? CreditRole.Primary : CreditRole.Featured, position));
        }

        var features = new AudioFeatures(
            numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6], numbers[7], numbers[8],
            SpotifyFeaturesParsers.PitchClass(Get("key")), mode, timeSignature);
        batch.Batch.AudioFeatures.Add(new AudioFeaturesRecord(key, "spotify", features));
        return null;
    }
}
