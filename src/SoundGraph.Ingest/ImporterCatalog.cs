using SoundGraph.Ingest.Importers.HetrecLastfm;
using SoundGraph.Ingest.Importers.Mpd;
using SoundGraph.Ingest.Importers.SpotifyExport;
using SoundGraph.Ingest.Importers.SpotifyExportTsv;
using SoundGraph.Ingest.Importers.SpotifyFeatures;

namespace SoundGraph.Ingest;

/// <summary>Every dataset importer, by the format name used on the command line.</summary>
public static class ImporterCatalog
{
    /// <summary>All importers; <paramref name="exportUser"/> names the user of a Spotify account export (default: the folder
    /// name); <paramref name="columnMap"/> is the spotify-features <c>--map</c> ("column=field,…"; default: detect the layout).</summary>
    public static IReadOnlyList<IImporter> All(string? exportUser = null, string? columnMap = null) =>
    [
        new MpdImporter(),
        new SpotifyFeaturesImporter { ColumnMap = columnMap },
        new HetrecLastfmImporter(),
        new SpotifyExportImporter(exportUser),
        new PlaylistsTsvImporter(),
        new ListensTsvImporter(),
        new Importers.MusicBrainz.MusicBrainzXmlImporter(),
    ];

    /// <summary>The importer for <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">No importer has that format name (the message lists the known ones), or
    /// <paramref name="columnMap"/> is given for a format other than spotify-features, or it is not a valid map (the message
    /// names the entry).</exception>
    public static IImporter Get(string format, string? exportUser = null, string? columnMap = null)
    {
        var importer = All(exportUser, columnMap).FirstOrDefault(i => string.Equals(i.Format, format, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown import format '{format}'. Known formats: {string.Join(", ", All().Select(i => i.Format))}.", nameof(format));
        if (columnMap is not null)
        {
            if (importer is not SpotifyFeaturesImporter)
            {
                throw new ArgumentException($"--map applies to spotify-features only, not to {importer.Format}.", nameof(columnMap));
            }

            // Validated here so a bad field fails before any store is opened.
            _ = SpotifyFeaturesLayout.ParseMap(columnMap);
        }

        return importer;
    }
}
