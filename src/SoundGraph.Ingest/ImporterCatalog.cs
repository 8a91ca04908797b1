using SoundGraph.Ingest.Importers.HetrecLastfm;
using SoundGraph.Ingest.Importers.Mpd;
using SoundGraph.Ingest.Importers.SpotifyExport;
using SoundGraph.Ingest.Importers.SpotifyExportTsv;
using SoundGraph.Ingest.Importers.SpotifyFeatures;

namespace SoundGraph.Ingest;

/// <summary>Every dataset importer, by the format name used on the command line.</summary>
public static class ImporterCatalog
{
    /// <summary>All importers; <paramref name="exportUser"/> names the user of a Spotify account export (default: the folder name).</summary>
    public static IReadOnlyList<IImporter> All(string? exportUser = null) =>
    [
        new MpdImporter(),
        new SpotifyFeaturesImporter(),
        new HetrecLastfmImporter(),
        new SpotifyExportImporter(exportUser),
        new PlaylistsTsvImporter(),
        new ListensTsvImporter(),
        new Importers.MusicBrainz.MusicBrainzXmlImporter(),
    ];

    /// <summary>The importer for <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">No importer has that format name; the message lists the known ones.</exception>
    public static IImporter Get(string format, string? exportUser = null) =>
        All(exportUser).FirstOrDefault(i => string.Equals(i.Format, format, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown import format '{format}'. Known formats: {string.Join(", ", All().Select(i => i.Format))}.", nameof(format));
}
