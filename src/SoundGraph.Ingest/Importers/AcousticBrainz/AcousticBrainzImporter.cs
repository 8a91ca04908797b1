using System.Globalization;
using System.Text.Json;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.AcousticBrainz;

/// <summary>
/// Imports AcousticBrainz documents (https://acousticbrainz.org/data, CC0): one <c>.json</c> file (optionally gzip), or a
/// folder searched recursively for <c>*.json</c> and <c>*.json.gz</c> (in ordinal path order). Each file is one of: a
/// low-level document (<c>GET /api/v1/&lt;mbid&gt;/low-level</c>: <c>lowlevel</c>, <c>rhythm</c>, <c>tonal</c>,
/// <c>metadata</c>), a high-level document (<c>…/high-level</c>: <c>highlevel</c>, <c>metadata</c>), a bare model map
/// (<c>{"mood_happy": {"value", "probability", "all"}, …}</c>, the <c>highlevel</c> object alone), or a bulk response
/// (<c>GET /api/v1/low-level?recording_ids=…</c>, also with <c>features=</c>, or <c>/high-level?recording_ids=…</c>:
/// <c>{"&lt;mbid&gt;": {"&lt;offset&gt;": document}, "mbid_mapping": …}</c>).
/// </summary>
/// <remarks>
/// <para>What is stored per recording (<see cref="AcousticBrainzMapper"/> has the field-by-field mapping): the track keyed
/// <c>musicbrainz:recording:&lt;mbid&gt;</c>, named by <c>metadata.tags</c>; an <c>audio_features</c> row with extractor
/// "acousticbrainz" (tempo, key, mode); an <c>acousticbrainz_lowlevel</c> row; one <c>acousticbrainz_highlevel</c> row per
/// classifier.</para>
/// <para>The recording's MBID is the bulk response's key, else the UUID a file name starts with
/// (<c>&lt;mbid&gt;.json</c>, <c>&lt;mbid&gt;_highlevel.json</c>), else <c>metadata.tags.musicbrainz_recordingid</c>. Of
/// several submissions of one recording in a bulk response the lowest offset is read (<c>Skipped["other_submission"]</c>).</para>
/// <para>Bad input: every file is first read through once and must be UTF-8 (and, when gzip, whole): a file that is not
/// fails the import before anything is written (<see cref="InputFormatException"/> naming the file and byte). A single
/// file that is not AcousticBrainz JSON fails the same way; in a folder such a file, or one that is not well-formed JSON,
/// is rejected (file, "document", reason) and the other files import. A document with a missing or malformed MBID, a
/// value of the wrong JSON type or out of range (bpm outside 0–300, a probability outside 0–1, a key that is not a
/// pitch name, …) is rejected with its file, its recording (and bulk offset) and the field; nothing of that document is
/// stored, so what the store held stays as it was.</para>
/// <para>Read counts: <c>files</c>, <c>lowlevel_documents</c>, <c>highlevel_documents</c>, <c>bulk_responses</c>,
/// <c>highlevel_models</c>.</para>
/// </remarks>
public sealed class AcousticBrainzImporter : IImporter
{
    /// <summary>Records per batch written to the store.</summary>
    /// <value>Default 10,000; at least 1. One document's records are flushed together.</value>
    public int BatchSize { get; init; } = BatchBuffer.DefaultFlushThreshold;

    /// <inheritdoc/>
    public string Format => "acousticbrainz";

    /// <inheritdoc/>
    public string Description => "AcousticBrainz low-level/high-level JSON documents or bulk responses (a .json file or a folder of them): tempo, key, descriptors, classifier outputs";

    /// <inheritdoc/>
    public async Task<ImportReport> ImportAsync(string path, ICatalogWriter writer, IRejectSink rejects, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        var single = File.Exists(path);
        var files = ImportInput.ListFiles(path, ".json", "AcousticBrainz JSON");

        // Every file must be UTF-8 (and a gzip file whole) before anything of any file is written.
        foreach (var file in files)
        {
            var check = await ImportInput.OpenUtf8ReadAsync(file, null, cancellationToken).ConfigureAwait(false);
            await check.DisposeAsync().ConfigureAwait(false);
        }

        var report = new ImportReport(Format);
        var reject = new RejectRecorder(rejects, report);
        var batch = new BatchBuffer(writer, report, BatchSize);
        var mapper = new AcousticBrainzMapper(batch, report, reject);
        foreach (var file in files)
        {
            report.CountRead("files");
            JsonDocument doc;
            var stream = await ImportInput.OpenReadAsync(file, progress, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                try
                {
                    doc = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
                }
                catch (JsonException ex)
                {
                    var line = ((ex.LineNumber ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
                    if (single)
                    {
                        throw new InputFormatException($"'{file}' is not AcousticBrainz JSON: it is not well-formed JSON (line {line}: {ex.Message}).", ex);
                    }

                    reject.Add(file, "line " + line, $"The file is not well-formed JSON; nothing of it was stored ({ex.Message}).");
                    continue;
                }
            }

            using (doc)
            {
                if (AcousticBrainzMapper.NotAcousticBrainz(doc.RootElement) is { } why)
                {
                    if (single)
                    {
                        throw new InputFormatException($"'{file}' is not AcousticBrainz JSON: {why}.");
                    }

                    reject.Add(file, "document", $"Not an AcousticBrainz document: {why}; nothing of it was stored.");
                    continue;
                }

                mapper.MapFile(doc.RootElement, file);
            }

            await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }

        await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }
}
