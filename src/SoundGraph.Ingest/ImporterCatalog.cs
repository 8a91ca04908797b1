using SoundGraph.Ingest.Importers.HetrecLastfm;
using SoundGraph.Ingest.Importers.Mpd;
using SoundGraph.Ingest.Importers.SpotifyExport;
using SoundGraph.Ingest.Importers.SpotifyExportTsv;
using SoundGraph.Ingest.Importers.SpotifyFeatures;

namespace SoundGraph.Ingest;

/// <summary>Every dataset importer, by the format name used on the command line.</summary>
public static class ImporterCatalog
{
    /// <summary>The formats that read CSV/TSV text and so take <c>--encoding</c>; the others read JSON or XML, which
    /// declare their own encoding (JSON must be UTF-8).</summary>
    public static IReadOnlyList<string> TextFormats { get; } = ["spotify-features", "hetrec-lastfm", "playlists-tsv", "listens-tsv"];

    /// <summary>All importers; <paramref name="exportUser"/> names the user of a Spotify account export (default: the folder
    /// name) and of ListenBrainz listens without <c>user_name</c> (default: such listens are rejected); <paramref name="columnMap"/> is the spotify-features <c>--map</c> ("column=field,…"; default: detect the layout);
    /// <paramref name="encoding"/> decodes the CSV/TSV formats (default <see cref="InputEncoding.Detect"/>).</summary>
    public static IReadOnlyList<IImporter> All(string? exportUser = null, string? columnMap = null, InputEncoding encoding = InputEncoding.Detect) =>
    [
        new MpdImporter(),
        new SpotifyFeaturesImporter { ColumnMap = columnMap, TextEncoding = encoding },
        new HetrecLastfmImporter { TextEncoding = encoding },
        new SpotifyExportImporter(exportUser),
        new PlaylistsTsvImporter { TextEncoding = encoding },
        new ListensTsvImporter { TextEncoding = encoding },
        new Importers.MusicBrainz.MusicBrainzXmlImporter(),
        new Importers.AcousticBrainz.AcousticBrainzImporter(),
        new Importers.ListenBrainz.ListenBrainzExportImporter { DefaultUser = exportUser },
    ];

    /// <summary>The importer for <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">No importer has that format name (the message lists the known ones), or
    /// <paramref name="columnMap"/> is given for a format other than spotify-features, or it is not a valid map (the message
    /// names the entry), or <paramref name="encoding"/> is not a name <see cref="InputEncodings.Parse"/> accepts (the message
    /// lists them), or it is not UTF-8 for a JSON or XML format.</exception>
    public static IImporter Get(string format, string? exportUser = null, string? columnMap = null, string? encoding = null)
    {
        var textEncoding = encoding is null ? InputEncoding.Detect : InputEncodings.Parse(encoding);
        var importer = All(exportUser, columnMap, textEncoding).FirstOrDefault(i => string.Equals(i.Format, format, StringComparison.OrdinalIgnoreCase))
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

        if (textEncoding is not (InputEncoding.Detect or InputEncoding.Utf8) && !TextFormats.Contains(importer.Format, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"--encoding {InputEncodings.Name(textEncoding)} applies to the CSV/TSV formats ({string.Join(", ", TextFormats)}); {importer.Format} reads JSON or XML, which is read as UTF-8.",
                nameof(encoding));
        }

        return importer;
    }
}
