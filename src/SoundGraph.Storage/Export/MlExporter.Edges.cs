using Dapper;
using SoundGraph.Core.Relations;
using static SoundGraph.Storage.Export.MlExportSchema;

namespace SoundGraph.Storage.Export;

/// <content>Edge files (stored relations and raw lists), the track feature table and the target split.</content>
public sealed partial class MlExporter
{
    /// <summary>edges_&lt;kind code&gt;.csv for a stored relation kind, or null when the kind has no rows.</summary>
    private Task<MlExportFile?> WriteRelationAsync(string dir, RelationKind kind, CancellationToken ct)
    {
        var type = kind.NodeType() switch
        {
            NodeType.Track => Tracks,
            NodeType.Artist => Artists,
            _ => Users,
        };
        MlExportColumn[] extra =
        [
            new("weight", $"relation weight as defined for {kind.Code()} (see RelationKind)"),
            new("count", "exact evidence count (shared playlists, listeners, tags, tracks; 0 for audio similarity)"),
        ];
        return WriteEdgesAsync(
            dir,
            kind.Code(),
            "relation",
            type,
            type,
            $"a directed top-K {kind.Code()} relation row: dst is among src's strongest neighbours",
            extra,
            new CommandDefinition("SELECT src_id, dst_id, weight, count FROM relations WHERE kind = @code ORDER BY src_id, rank", new { code = kind.Code() }, cancellationToken: ct));
    }

    private Task<MlExportFile?> WriteRawAsync(string dir, RawEdges raw, CancellationToken ct) =>
        WriteEdgesAsync(dir, raw.Name, "edges", raw.Src, raw.Dst, raw.Description, raw.Extra, new CommandDefinition(raw.Sql, cancellationToken: ct));

    /// <summary>Streams (src id, dst id, extras…) rows into edges_&lt;name&gt;.csv, creating the file at the first row.</summary>
    private async Task<MlExportFile?> WriteEdgesAsync(string dir, string name, string kind, string src, string dst, string description, IReadOnlyList<MlExportColumn> extra, CommandDefinition query)
    {
        var file = $"edges_{name}.csv";
        MlExportColumn[] columns = [Src(src), Dst(dst), .. extra];
        CsvOut? csv = null;
        try
        {
            await using var reader = await _connection.ExecuteReaderAsync(query).ConfigureAwait(false);
            while (await reader.ReadAsync(query.CancellationToken).ConfigureAwait(false))
            {
                csv ??= await CsvOut.CreateAsync(Path.Combine(dir, file), columns).ConfigureAwait(false);
                csv.Field(IndexOf(src, reader.GetInt64(0), file));
                csv.Field(IndexOf(dst, reader.GetInt64(1), file));
                for (var i = 0; i < extra.Count; i++)
                {
                    csv.Value(reader.GetValue(2 + i));
                }

                await csv.EndRowAsync().ConfigureAwait(false);
            }

            return csv is null ? null : new MlExportFile(file, kind, csv.Rows, src, dst, description, columns);
        }
        finally
        {
            if (csv is not null)
            {
                await csv.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>track_features.csv: one row per track in index order; empty cells where a value is unknown.</summary>
    private async Task<MlExportFile> WriteTrackFeaturesAsync(string dir, CancellationToken ct)
    {
        const string file = "track_features.csv";
        MlExportColumn[] columns = [new("index", "row index in nodes_tracks.csv"), new("id", "internal track id"), .. TrackFeatures.Select(f => f.Column)];
        await using var csv = await CsvOut.CreateAsync(Path.Combine(dir, file), columns).ConfigureAwait(false);
        await using var reader = await _connection.ExecuteReaderAsync(new CommandDefinition(TrackFeaturesSql, cancellationToken: ct)).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var id = reader.GetInt64(0);
            csv.Field(IndexOf(Tracks, id, file));
            csv.Field(id);
            for (var i = 0; i < TrackFeatures.Count; i++)
            {
                csv.Value(reader.GetValue(1 + i));
            }

            await csv.EndRowAsync().ConfigureAwait(false);
        }

        return new MlExportFile(file, "features", csv.Rows, Tracks, null, "features of one track per row (audio features prefer the spotify extractor)", columns);
    }

    /// <summary>Loads the target edge list (the only one held in memory), splits it with <see cref="EdgeSplit"/> and writes
    /// edges_split_&lt;target&gt;_{train,validation,test}.csv, each sorted by (src_index, dst_index); all three are written,
    /// header only when empty.</summary>
    private async Task<(List<MlExportFile> Files, long Train, long Validation, long Test)> WriteSplitAsync(string dir, MlExportOptions options, CancellationToken ct)
    {
        var (name, src, dst, sql, countDoc) = Target(options.Target);
        var target = options.Target.ToString().ToLowerInvariant();
        var sources = new List<int>();
        var targets = new List<int>();
        var counts = new List<long>();
        var origin = $"edges_{name}.csv";
        await using (var reader = await _connection.ExecuteReaderAsync(new CommandDefinition(sql, cancellationToken: ct)).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                sources.Add(IndexOf(src, reader.GetInt64(0), origin));
                targets.Add(IndexOf(dst, reader.GetInt64(1), origin));
                counts.Add(Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var parts = EdgeSplit.Assign(sources, options.ValidationFraction, options.TestFraction, options.Seed);
        MlExportColumn[] columns = [Src(src), Dst(dst), new("count", countDoc)];
        var files = new List<MlExportFile>();
        var sizes = new long[3];
        foreach (var part in new[] { SplitPart.Train, SplitPart.Validation, SplitPart.Test })
        {
            var file = $"edges_split_{target}_{part.ToString().ToLowerInvariant()}.csv";
            await using (var csv = await CsvOut.CreateAsync(Path.Combine(dir, file), columns).ConfigureAwait(false))
            {
                // The edges were read ordered by (source id, target id) = (src_index, dst_index), so each part is sorted too.
                for (var e = 0; e < parts.Length; e++)
                {
                    if (parts[e] == part)
                    {
                        csv.Field(sources[e]);
                        csv.Field(targets[e]);
                        csv.Field(counts[e]);
                        await csv.EndRowAsync().ConfigureAwait(false);
                    }
                }

                sizes[(int)part] = csv.Rows;
            }

            files.Add(new MlExportFile(file, "split", sizes[(int)part], src, dst, $"{part.ToString().ToLowerInvariant()} edges of {name} (the --target {target} edge set)", columns));
        }

        return (files, sizes[0], sizes[1], sizes[2]);
    }
}
