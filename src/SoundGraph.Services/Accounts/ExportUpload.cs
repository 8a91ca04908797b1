using System.IO.Compression;
using SoundGraph.Core.Import;
using SoundGraph.Ingest;
using SoundGraph.Ingest.Importers.SpotifyExport;
using SoundGraph.Services.Taste;
using SoundGraph.Storage;

namespace SoundGraph.Services.Accounts;

/// <summary>What importing an uploaded export did.</summary>
/// <param name="ListenerId">The account's export listener (users.id).</param>
/// <param name="Read">Items read, per kind (playlists, entries, listens).</param>
/// <param name="Stored">Rows stored, per table.</param>
/// <param name="Rejected">Rows rejected (the report names each).</param>
/// <param name="RejectReasons">The first rejects, "file location: reason".</param>
/// <param name="WeeksAggregated">Weeks of the listener's aggregates after the import.</param>
public sealed record ExportUploadResult(long ListenerId, IReadOnlyDictionary<string, long> Read, IReadOnlyDictionary<string, long> Stored, int Rejected, IReadOnlyList<string> RejectReasons, int WeeksAggregated);

/// <summary>A Spotify account export uploaded by a signed-in listener (a .zip of the export folder, or one
/// <c>Playlist*.json</c> / <c>StreamingHistory*.json</c>): unpacked safely into a private temporary folder, imported
/// with <see cref="SpotifyExportImporter"/> into a listener of its own (<c>spotify-export:user:account {id}</c>: the importer normalizes the user name <c>account-{id}</c>; owned by
/// the account and private), then that listener's weekly aggregates are recomputed. The folder is deleted afterwards.</summary>
public static class ExportUpload
{
    /// <summary>Largest upload accepted: 100 MiB.</summary>
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    /// <summary>Largest total size of a zip's JSON files once unpacked: 200 MiB (a zip bomb stops here; a real export's
    /// JSON is a few MiB to a few tens of MiB).</summary>
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;

    /// <summary>Most JSON files taken from a zip.</summary>
    public const int MaxFiles = 500;

    /// <summary>Writes the upload <paramref name="content"/> named <paramref name="fileName"/> into <paramref name="folder"/>
    /// as the export's JSON files: every <c>*.json</c> entry of a zip (its folders dropped, so no entry can escape the
    /// folder), or the one JSON file under its own name.</summary>
    /// <exception cref="InputFormatException">Not a .zip or .json, a zip that is corrupt, over the limits or holds no
    /// JSON file, or a JSON file whose name is not Playlist*.json or StreamingHistory*.json.</exception>
    public static async Task UnpackAsync(Stream content, string fileName, string folder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        Directory.CreateDirectory(folder);
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            if (!IsExportFile(name))
            {
                throw new InputFormatException($"'{name}' is not a file of a Spotify account export: upload Playlist*.json, StreamingHistory*.json or the export's .zip.");
            }

            await using var file = File.Create(Path.Combine(folder, name));
            await content.CopyToAsync(file, ct).ConfigureAwait(false);
            return;
        }

        if (!name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputFormatException($"'{name}' is neither a .zip nor a .json: upload the Spotify account export's .zip or one of its JSON files.");
        }

        try
        {
            await using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            var files = 0;
            foreach (var entry in zip.Entries)
            {
                var entryName = Path.GetFileName(entry.FullName.Replace('\\', '/'));
                if (!IsExportFile(entryName) || entryName.StartsWith('.'))
                {
                    continue;
                }

                if (++files > MaxFiles || (total += entry.Length) > MaxUnpackedBytes)
                {
                    throw new InputFormatException($"'{name}' holds more than {MaxFiles} export files or {MaxUnpackedBytes / 1024 / 1024} MiB of them unpacked.");
                }

                var target = Path.Combine(folder, entryName);
                if (File.Exists(target))
                {
                    target = Path.Combine(folder, Path.GetFileNameWithoutExtension(entryName) + "-" + files.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json");
                }

                await using var source = await entry.OpenAsync(ct).ConfigureAwait(false);
                await using var file = File.Create(target);
                await source.CopyToAsync(file, ct).ConfigureAwait(false);
            }

            if (files == 0)
            {
                throw new InputFormatException($"'{name}' holds no Playlist*.json or StreamingHistory*.json file.");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InputFormatException($"'{name}' is not a readable zip: {ex.Message}", ex);
        }
    }

    /// <summary>Imports the export in <paramref name="folder"/> for <paramref name="accountId"/> and aggregates its weeks.</summary>
    /// <exception cref="InputFormatException">The files are not a Spotify export (the importer's message names the file).</exception>
    public static async Task<ExportUploadResult> ImportAsync(SoundGraphStore store, long accountId, string folder, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var userName = "account-" + accountId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rejects = new ListRejectSink();
        progress?.Report("importing");
        var report = await new SpotifyExportImporter(userName).ImportAsync(folder, store.Catalog, rejects, null, ct).ConfigureAwait(false);
        // The importer keys its user by the NORMALIZED name ("account-7" → "account 7"): look the listener up the same way.
        var key = Core.Identity.EntityKeys.Local("spotify-export", "user", Core.Identity.NameNormalizer.Normalize(userName));
        var listener = await store.Accounts.FindListenerByKeyAsync(key, ct).ConfigureAwait(false)
            ?? throw new InputFormatException("The export had nothing to store (no playlist and no play).");
        await store.Accounts.SetOwnerAsync(listener, accountId, ct).ConfigureAwait(false);
        if (await store.Accounts.FindAsync(accountId, ct).ConfigureAwait(false) is { } account)
        {
            await store.Accounts.RenameListenerAsync(listener, account.Name + " (Spotify export)", ct).ConfigureAwait(false);
        }

        progress?.Report("aggregating weeks");
        var aggregation = await TasteAggregation.RunAsync(store.Taste, listener, ct: ct).ConfigureAwait(false);
        return new ExportUploadResult(listener, report.Read, report.Stored, rejects.Items.Count,
            [.. rejects.Items.Take(10).Select(r => $"{Path.GetFileName(r.File)} {r.Location}: {r.Reason}")], aggregation.Weeks);
    }

    private static bool IsExportFile(string name) =>
        name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        && (name.StartsWith("Playlist", StringComparison.OrdinalIgnoreCase) || name.StartsWith("StreamingHistory", StringComparison.OrdinalIgnoreCase));
}
