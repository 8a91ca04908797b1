using System.Data.Common;
using Dapper;
using SoundGraph.Core.Relations;
using static SoundGraph.Storage.Export.MlExportSchema;

namespace SoundGraph.Storage.Export;

/// <summary>
/// Writes an ML-ready bundle of CSV files from a store (<c>sgr export ml</c>), which pandas and PyTorch Geometric read
/// directly: node tables with 0-based contiguous indices, one edge file per stored relation kind and per raw edge
/// list, a track feature table, a seeded train/validation/test split of a target edge set, metadata.json (row counts,
/// seed, fractions, column docs) and a README.md.
/// </summary>
/// <remarks>
/// Reads with portable SQL through Dapper, so SQLite and PostgreSQL stores give identical files (up to their
/// provider-local ids, which only appear in the <c>id</c> columns). Rows stream from the database to the files; memory
/// holds one sorted id array per node type (8 bytes per node, to map ids to indices) and the target edge list while it
/// is split. Node index i is the i-th smallest id of its type.
/// </remarks>
public sealed partial class MlExporter
{
    private static readonly string[] BundlePatterns = ["nodes_*.csv", "edges_*.csv", "track_features.csv", "metadata.json", "README.md"];
    private readonly DbConnection _connection;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, long[]> _ids = new(StringComparer.Ordinal);

    /// <summary>Creates an exporter over an open, migrated connection (not owned), SQLite or PostgreSQL.</summary>
    /// <param name="connection">The store's connection.</param>
    /// <param name="timeProvider">Clock for <c>generated_at</c>; default the system clock.</param>
    public MlExporter(DbConnection connection, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Writes the bundle described in the type remarks to <see cref="MlExportOptions.OutputDirectory"/>.</summary>
    /// <param name="options">Folder, seed, fractions, target.</param>
    /// <param name="progress">Optional receiver of one line per file written.</param>
    /// <param name="cancellationToken">Cancels the export (files written so far stay).</param>
    /// <returns>The files with their row counts and the split sizes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="MlExportOptions.Validate"/>).</exception>
    /// <exception cref="IOException">The output path is a file, or a non-empty folder without
    /// <see cref="MlExportOptions.Overwrite"/>.</exception>
    /// <exception cref="StoreException">A stored row refers to a node id that its node table lacks.</exception>
    /// <exception cref="InvalidOperationException">The target edge set is empty in this store (a split of nothing is no
    /// use); the message names the targets that do have edges. Thrown before anything is written.</exception>
    public async Task<MlExportResult> ExportAsync(MlExportOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        await CheckTargetHasEdgesAsync(options.Target, cancellationToken).ConfigureAwait(false);
        var dir = PrepareDirectory(options.OutputDirectory, options.Overwrite);
        var generatedAt = _time.GetUtcNow();
        _ids.Clear();
        var files = new List<MlExportFile>();

        void Done(MlExportFile? file)
        {
            if (file is not null)
            {
                files.Add(file);
                progress?.Report($"{file.Name}: {file.Rows} rows");
            }
        }

        foreach (var (type, sql, keyDoc, nameDoc) in Nodes)
        {
            Done(await WriteNodesAsync(dir, type, sql, keyDoc, nameDoc, cancellationToken).ConfigureAwait(false));
        }

        foreach (var kind in RelationKinds.All)
        {
            Done(await WriteRelationAsync(dir, kind, cancellationToken).ConfigureAwait(false));
        }

        foreach (var raw in Raw)
        {
            Done(await WriteRawAsync(dir, raw, cancellationToken).ConfigureAwait(false));
        }

        Done(await WriteTrackFeaturesAsync(dir, cancellationToken).ConfigureAwait(false));
        var (splitFiles, train, validation, test) = await WriteSplitAsync(dir, options, cancellationToken).ConfigureAwait(false);
        foreach (var f in splitFiles)
        {
            Done(f);
        }

        var result = new MlExportResult(dir, files, options.Target, Target(options.Target).Name, train, validation, test, generatedAt);
        await MlBundleDocs.WriteAsync(result, options, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The number of edges each target would split in this store.</summary>
    /// <param name="cancellationToken">Cancels the counts.</param>
    public async Task<IReadOnlyDictionary<MlExportTarget, long>> CountTargetEdgesAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<MlExportTarget, long>();
        foreach (var target in Enum.GetValues<MlExportTarget>())
        {
            counts[target] = await CountTargetEdgesAsync(target, cancellationToken).ConfigureAwait(false);
        }

        return counts;
    }

    private Task<long> CountTargetEdgesAsync(MlExportTarget target, CancellationToken ct) =>
        _connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM ({Target(target).Sql}) edges", cancellationToken: ct));

    /// <summary>Counts the chosen target's edges; only when there are none are the other targets counted, for the message.</summary>
    private async Task CheckTargetHasEdgesAsync(MlExportTarget target, CancellationToken ct)
    {
        if (await CountTargetEdgesAsync(target, ct).ConfigureAwait(false) > 0)
        {
            return;
        }

        var counts = await CountTargetEdgesAsync(ct).ConfigureAwait(false);

        var name = target.ToString().ToLowerInvariant();
        var others = counts.Where(c => c.Value > 0).Select(c => $"{c.Key.ToString().ToLowerInvariant()} ({c.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} edges)").ToList();
        throw new InvalidOperationException(others.Count > 0
            ? $"The export target '{name}' ({Target(target).Name}) has no edges in this store, so its train/validation/test split would be empty; targets with edges here: {string.Join(", ", others)} (choose one with --target)."
            : $"The export target '{name}' ({Target(target).Name}) has no edges in this store, and neither has any other target (likes, playlists, plays): import data first.");
    }

    /// <summary>Creates the folder, or checks that it is empty (or clears an earlier bundle with overwrite).</summary>
    private static string PrepareDirectory(string path, bool overwrite)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new IOException($"'{path}' is a file; the export needs a folder.");
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            if (!overwrite)
            {
                throw new IOException($"'{path}' is not empty; pass --force to replace the bundle in it.");
            }

            foreach (var file in BundlePatterns.SelectMany(p => Directory.EnumerateFiles(full, p)).ToList())
            {
                File.Delete(file);
            }
        }

        Directory.CreateDirectory(full);
        return full;
    }

    private async Task<MlExportFile> WriteNodesAsync(string dir, string type, string sql, string keyDoc, string nameDoc, CancellationToken ct)
    {
        MlExportColumn[] columns =
        [
            new("index", "0-based contiguous row index (the i-th smallest id); edge files refer to it"),
            new("id", "internal store id (provider-local)"),
            new("key", keyDoc),
            new("name", nameDoc),
        ];
        var ids = new List<long>();
        var name = $"nodes_{type}.csv";
        await using (var csv = await CsvOut.CreateAsync(Path.Combine(dir, name), columns).ConfigureAwait(false))
        {
            await using var reader = await _connection.ExecuteReaderAsync(new CommandDefinition(sql, cancellationToken: ct)).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var id = reader.GetInt64(0);
                csv.Field(ids.Count);
                csv.Field(id);
                csv.Value(reader.GetValue(1));
                csv.Value(reader.GetValue(2));
                await csv.EndRowAsync().ConfigureAwait(false);
                ids.Add(id);
            }
        }

        _ids[type] = ids.ToArray();
        return new MlExportFile(name, "nodes", ids.Count, type, null, $"one {type[..^1]} per row", columns);
    }

    /// <summary>The 0-based index of <paramref name="id"/> among the ids of <paramref name="type"/>.</summary>
    /// <exception cref="StoreException">The id is not in the node table.</exception>
    private int IndexOf(string type, long id, string file)
    {
        var i = Array.BinarySearch(_ids[type], id);
        return i >= 0 ? i : throw new StoreException($"{file} refers to {type} id {id}, which nodes_{type}.csv does not hold.");
    }
}
