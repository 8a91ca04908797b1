using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.MusicBrainz;

/// <summary>
/// Imports MusicBrainz web-service (WS/2) XML documents, <c>&lt;metadata xmlns="http://musicbrainz.org/ns/mmd-2.0#"&gt;</c>
/// (https://musicbrainz.org/doc/MusicBrainz_API, schema musicbrainz_mmd-2.0.rng): one <c>.xml</c> file, or a folder searched
/// recursively for <c>*.xml</c> and <c>*.xml.gz</c> (in ordinal path order). Only the collaboration data is kept: recordings
/// as tracks and their artist credits.
/// </summary>
/// <remarks>
/// <para>Tracks: every <c>&lt;recording&gt;</c> of a <c>&lt;release&gt;</c> (medium-list/medium/track-list, data-track-list
/// and pregap), a top-level <c>&lt;recording&gt;</c>, or a <c>&lt;recording-list&gt;</c> (search results) becomes a track keyed
/// <c>musicbrainz:recording:&lt;mbid&gt;</c> (title, <c>&lt;length&gt;</c> in ms as DurationMs, the release title as album,
/// the first credited name as primary artist name). A recording listed again (in another file or release) is counted in
/// <c>Skipped["duplicate_recording"]</c>; when its first sighting had no artist credit and this one has, the credit is
/// added then.</para>
/// <para>Credits: the recording's own <c>&lt;artist-credit&gt;</c>, or, when it has none, the enclosing release's
/// (<c>Read["recordings_with_release_credit"]</c>); a track-level credit (the credit printed on the release, often the
/// composer on classical releases) is not used. Each <c>&lt;name-credit&gt;</c> in order → an artist keyed
/// <c>musicbrainz:artist:&lt;mbid&gt;</c> named by <c>&lt;artist&gt;&lt;name&gt;</c>, and a credit at position = its 0-based
/// index. The primary artist name of the track is the first name-credit's own <c>&lt;name&gt;</c> (the name as credited)
/// or else the artist's name. Roles: see <see cref="MusicBrainzCredits.Roles"/>. The same artist twice in one credit keeps
/// its first credit (<c>Skipped["duplicate_artist_in_credit"]</c>).</para>
/// <para>Skipped without error, counted in <c>Skipped</c>: top-level elements that carry no recordings
/// (<c>element:disc</c>, <c>element:collection</c> (a user's list of references), <c>element:event</c>,
/// <c>element:place</c>, <c>element:instrument</c>, <c>element:label</c>, <c>element:work</c>, <c>element:artist</c>,
/// <c>element:release-group</c>, and their <c>-list</c> search results; one count per element); relations: an artist's
/// artist relations (<c>artist_artist_relation</c>: "member of band", "collaboration", "subgroup", …) and a recording's
/// artist relations (<c>recording_artist_relation</c>: producer, instrument, …) are not artist credits, so they are not
/// stored; <c>release_without_recordings</c>; <c>invalid_length</c> (the track is kept without a duration).</para>
/// <para>A file whose root is not the MusicBrainz <c>&lt;metadata&gt;</c> element fails the import before anything is
/// written (<see cref="InputFormatException"/> naming the file). Malformed XML is rejected with its file and line, and no
/// record of that file is stored (each file is parsed whole before it is mapped; WS/2 documents are one page, at most
/// 100 entities); the other files import. A recording without a valid mbid or title, or with a name-credit without an
/// artist mbid or name, is rejected ("line N recording &lt;mbid&gt;").</para>
/// <para>Read counts: <c>files</c>, <c>releases</c>, <c>recordings</c>, <c>name_credits</c>,
/// <c>recordings_with_release_credit</c>, <c>recordings_without_artist_credit</c>.</para>
/// </remarks>
public sealed class MusicBrainzXmlImporter : IImporter
{
    /// <summary>The WS/2 XML namespace.</summary>
    public const string Namespace = "http://musicbrainz.org/ns/mmd-2.0#";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    /// <summary>Records per batch written to the store.</summary>
    /// <value>Default 10,000; at least 1. One file's records are flushed together, so a batch may exceed it by one file.</value>
    public int BatchSize { get; init; } = BatchBuffer.DefaultFlushThreshold;

    /// <inheritdoc/>
    public string Format => "musicbrainz-xml";

    /// <inheritdoc/>
    public string Description => "MusicBrainz WS/2 XML documents (a .xml file or a folder of them): recordings and artist credits";

    /// <inheritdoc/>
    public async Task<ImportReport> ImportAsync(string path, ICatalogWriter writer, IRejectSink rejects, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        var single = File.Exists(path);
        var files = ImportInput.ListFiles(path, ".xml", "MusicBrainz XML");
        foreach (var file in files)
        {
            await CheckRootAsync(file, single, cancellationToken).ConfigureAwait(false);
        }

        var report = new ImportReport(Format);
        var reject = new RejectRecorder(rejects, report);
        var batch = new BatchBuffer(writer, report, BatchSize);
        var mapper = new MusicBrainzXmlMapper(batch, report, reject);
        foreach (var file in files)
        {
            report.CountRead("files");
            XDocument doc;
            var stream = await ImportInput.OpenReadAsync(file, progress, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                try
                {
                    using var reader = XmlReader.Create(stream, ReaderSettings);
                    doc = await XDocument.LoadAsync(reader, LoadOptions.SetLineInfo, cancellationToken).ConfigureAwait(false);
                }
                catch (XmlException ex)
                {
                    reject.Add(file, "line " + ex.LineNumber.ToString(CultureInfo.InvariantCulture), $"The file is not well-formed XML; nothing of it was stored ({ex.Message}).");
                    continue;
                }
            }

            mapper.MapDocument(doc.Root!, file);
            await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }

        await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>Reads up to the root element: it must be MusicBrainz <c>metadata</c>. XML broken before the root fails a single
    /// file, and in a folder is left for the import pass to reject.</summary>
    private static async Task CheckRootAsync(string file, bool single, CancellationToken cancellationToken)
    {
        var stream = await ImportInput.OpenReadAsync(file, null, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = XmlReader.Create(stream, ReaderSettings);
            try
            {
                await reader.MoveToContentAsync().ConfigureAwait(false);
            }
            catch (XmlException ex)
            {
                if (single)
                {
                    throw new InputFormatException($"'{file}' is not MusicBrainz XML: it is not well-formed XML ({ex.Message}).", ex);
                }

                return;
            }

            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "metadata" || reader.NamespaceURI != Namespace)
            {
                var found = reader.NodeType == XmlNodeType.Element ? $"<{reader.Name}> in namespace '{reader.NamespaceURI}'" : "no root element";
                throw new InputFormatException($"'{file}' is not MusicBrainz XML: its root is {found}, expected <metadata xmlns=\"{Namespace}\">.");
            }
        }
    }
}
