using System.Diagnostics;
using System.Globalization;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;
using SoundGraph.Storage;
using SoundGraph.Storage.Postgres;
using Spectre.Console;

namespace SoundGraph.Cli.Bench;

/// <summary>
/// <c>sgr bench scale</c>: the track co-playlist relate at full MPD scale on SYNTHETIC data. The playlists are generated
/// straight into memory (<see cref="SyntheticMpd.Membership"/>: 1,000,000 playlists ≈ 64M entries), then the engine
/// computes the top-K neighbours of every track with their counts and evidence samples, in blocks
/// (<see cref="CoOccurrence.BuildBlocks"/>). Without <c>--write</c> each block is checked and dropped, so the figure is
/// the engine's; with it every block is streamed into a new store through <see cref="IRelationWriter"/> (one transaction)
/// and the seconds spent writing are measured apart from the engine's. Prints wall time and the process's peak memory.
/// </summary>
public static class ScaleBench
{
    /// <summary>Runs the benchmark and prints its table and a plain summary line.</summary>
    /// <param name="context">Console.</param>
    /// <param name="playlists">Synthetic playlists.</param>
    /// <param name="topK">Neighbours per track.</param>
    /// <param name="blockItems">Tracks per block.</param>
    /// <param name="evidenceSample">Evidence ids per row.</param>
    /// <param name="write">Null, a SQLite path that does not exist yet, or a PostgreSQL connection string.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException">The SQLite file already exists.</exception>
    public static async Task RunAsync(CliContext context, int playlists, int topK, int blockItems, int evidenceSample, string? write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var console = context.Console;
        var target = write is null ? null : StoreLocation.Parse(write);
        if (target is { Provider: StoreProvider.Sqlite } && File.Exists(target.Value))
        {
            throw new ArgumentException($"bench scale --write {target.Value}: the file exists; the benchmark writes SYNTHETIC relations only into a new store.");
        }

        console.MarkupLine($"[grey]generating {playlists:N0} SYNTHETIC MPD-shaped playlists in memory…[/]");
        var watch = Stopwatch.StartNew();
        var membership = new SyntheticMpd(playlists).Membership();
        var generate = watch.Elapsed.TotalSeconds;
        var entries = membership.ItemIds.LongLength;
        console.MarkupLine($"[grey]{entries:N0} entries in {generate:0.0} s; relating track_co_playlist, top-{topK}…[/]");

        var schema = "sgscale_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string? db = target switch
        {
            null => null,
            { Provider: StoreProvider.Postgres } => await PostgresDatabase.CreateSchemaAsync(target.Value, schema, ct).ConfigureAwait(false),
            _ => target.Value,
        };
        try
        {
            var figures = await MeasureAsync(console, membership, topK, blockItems, evidenceSample, db, ct).ConfigureAwait(false);
            Render(console, playlists, entries, generate, topK, blockItems, figures, target);
        }
        finally
        {
            if (target is { Provider: StoreProvider.Postgres })
            {
                await PostgresDatabase.DropSchemaAsync(target.Value, schema, CancellationToken.None).ConfigureAwait(false);
            }
            else if (target is not null)
            {
                foreach (var suffix in new[] { string.Empty, "-journal", "-wal", "-shm" })
                {
                    File.Delete(target.Value + suffix);
                }
            }
        }
    }

    private sealed record Figures(long Rows, long Evidence, long Sources, double Checksum, ulong EvidenceChecksum, double RelateSeconds, double WriteSeconds, long StoreBytes, long PeakMib);

    private static async Task<Figures> MeasureAsync(IAnsiConsole console, Bipartite membership, int topK, int blockItems, int evidenceSample, string? db, CancellationToken ct)
    {
        long rows = 0, evidence = 0, sources = 0, blocks = 0, storeBytes = 0;
        double checksum = 0;
        ulong evidenceChecksum = 0;
        var options = new RelationOptions { TopK = topK, EvidenceSample = evidenceSample };
        await using var store = db is null ? null : await SoundGraphStore.OpenAsync(db, ct).ConfigureAwait(false);
        await using var writer = store is null ? null : await store.Relations.BeginReplaceAsync(RelationKind.TrackCoPlaylist, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
        var writing = new Stopwatch();
        var watch = Stopwatch.StartNew();
        CoOccurrence.BuildBlocks(RelationKind.TrackCoPlaylist, membership, CoOccurrenceScore.InverseGroupSizeSum, options, blockItems, block =>
        {
            blocks++;
            rows += block.Count;
            var src = block.SrcIds;
            for (var r = 0; r < block.Count; r++)
            {
                var sample = block.Evidence(r);
                evidence += sample.Length;
                for (var e = 0; e < sample.Length; e++)
                {
                    // Order-sensitive within a row (position-weighted), so a reordered or shifted sample changes it.
                    evidenceChecksum += unchecked((ulong)sample[e] * (ulong)(e + 1) * (ulong)(block.DstIds[r] | 1));
                }
                checksum += block.Weights[r];
                if (r == 0 || src[r] != src[r - 1])
                {
                    sources++;
                }
            }

            if (writer is not null)
            {
                writing.Start();
                RelationTableStore.AppendTo(block, writer, ct);
                writing.Stop();
            }

            if (blocks % 8 == 0)
            {
                console.MarkupLine($"[grey]  {sources:N0} tracks related, {rows:N0} rows, {watch.Elapsed.TotalSeconds:0} s{(writer is null ? string.Empty : $" ({writing.Elapsed.TotalSeconds:0} s writing)")}[/]");
            }
        });
        if (writer is not null)
        {
            writing.Start();
            await writer.CommitAsync(ct).ConfigureAwait(false);
            writing.Stop();
            storeBytes = await StoreBytesAsync(store!, db!, ct).ConfigureAwait(false);
        }

        var total = watch.Elapsed.TotalSeconds;
        var peakMib = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        return new Figures(rows, evidence, sources, checksum, evidenceChecksum, total - writing.Elapsed.TotalSeconds, writing.Elapsed.TotalSeconds, storeBytes, peakMib);
    }

    private static async Task<long> StoreBytesAsync(SoundGraphStore store, string db, CancellationToken ct)
    {
        if (store.Location.Provider == StoreProvider.Sqlite)
        {
            return new FileInfo(db).Length;
        }

        await using var cmd = store.Connection.CreateCommand();
        cmd.CommandText = "SELECT pg_total_relation_size('relation_lists')";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static void Render(IAnsiConsole console, int playlists, long entries, double generate, int topK, int blockItems, Figures f, StoreLocation? target)
    {
        var written = target is not null;
        var table = new Table().Title($"track co-playlist relate at scale, top-{topK} — SYNTHETIC MPD-shaped data, in memory");
        var columns = new List<string> { "playlists", "entries", "tracks related", "relation rows", "evidence ids", "generate s", "relate s", "rows/s", "peak MiB" };
        if (written)
        {
            columns.AddRange(["write s", "written rows/s", "store MiB"]);
        }

        foreach (var c in columns)
        {
            table.AddColumn(new TableColumn(c).RightAligned());
        }

        var cells = new List<string>
        {
            Numbers.Count(playlists), Numbers.Count(entries), Numbers.Count(f.Sources), Numbers.Count(f.Rows), Numbers.Count(f.Evidence), Numbers.Seconds(generate, 1),
            Numbers.Seconds(f.RelateSeconds, 1), Numbers.Count((long)(f.Rows / Math.Max(f.RelateSeconds, 1e-9))), Numbers.Count(f.PeakMib),
        };
        if (written)
        {
            cells.AddRange([Numbers.Seconds(f.WriteSeconds, 1), Numbers.Count((long)(f.Rows / Math.Max(f.WriteSeconds, 1e-9))), Numbers.Count(f.StoreBytes / (1024 * 1024))]);
        }

        table.AddRow(cells.ToArray());
        console.Write(table);
        var where = target is null ? "rows are dropped after each block (no store write)" : $"each block is appended to {target.Provider} in one transaction; relate s excludes the write";
        console.MarkupLine($"[grey]relate = inverted index + all pairs + top-{topK} per track + evidence samples, in blocks of {blockItems:N0} tracks; {Markup.Escape(where)}. {Environment.ProcessorCount} cores, .NET {Environment.Version}.[/]");
        var store = target is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" store={target.Provider.ToString().ToLowerInvariant()} write_s={f.WriteSeconds:0.0} store_bytes={f.StoreBytes}");
        console.Profile.Out.Writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"bench scale (synthetic): playlists={playlists} entries={entries} tracks={f.Sources} rows={f.Rows} evidence_ids={f.Evidence} generate_s={generate:0.0} relate_s={f.RelateSeconds:0.0} peak_mib={f.PeakMib} weight_sum={f.Checksum:0.000} evidence_checksum={f.EvidenceChecksum}{store}"));
    }
}
