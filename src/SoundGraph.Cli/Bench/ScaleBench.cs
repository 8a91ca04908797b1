using System.Diagnostics;
using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;
using Spectre.Console;

namespace SoundGraph.Cli.Bench;

/// <summary>
/// <c>sgr bench scale</c>: the track co-playlist relate at full MPD scale on SYNTHETIC data. The playlists are generated
/// straight into memory (<see cref="SyntheticMpd.Membership"/>: 1,000,000 playlists ≈ 66M entries), then the engine
/// computes the top-K neighbours of every track with their counts and evidence samples, in blocks
/// (<see cref="CoOccurrence.BuildBlocks"/>) that a writer would stream out; here each block is checked and dropped, so the
/// figure is the engine's, not a store's write speed. Prints wall time and the process's peak memory.
/// </summary>
public static class ScaleBench
{
    /// <summary>Runs the benchmark and prints its table and a plain summary line.</summary>
    public static void Run(CliContext context, int playlists, int topK, int blockItems, int evidenceSample = 5)
    {
        ArgumentNullException.ThrowIfNull(context);
        var console = context.Console;
        console.MarkupLine($"[grey]generating {playlists:N0} SYNTHETIC MPD-shaped playlists in memory…[/]");
        var watch = Stopwatch.StartNew();
        var membership = new SyntheticMpd(playlists).Membership();
        var generate = watch.Elapsed.TotalSeconds;
        var entries = membership.ItemIds.LongLength;
        console.MarkupLine($"[grey]{entries:N0} entries in {generate:0.0} s; relating track_co_playlist, top-{topK}…[/]");

        long rows = 0, evidence = 0, sources = 0, blocks = 0;
        double checksum = 0;
        var options = new RelationOptions { TopK = topK, EvidenceSample = evidenceSample };
        watch.Restart();
        CoOccurrence.BuildBlocks(RelationKind.TrackCoPlaylist, membership, CoOccurrenceScore.InverseGroupSizeSum, options, blockItems, block =>
        {
            blocks++;
            rows += block.Count;
            var src = block.SrcIds;
            for (var r = 0; r < block.Count; r++)
            {
                evidence += block.Evidence(r).Length;
                checksum += block.Weights[r];
                if (r == 0 || src[r] != src[r - 1])
                {
                    sources++;
                }
            }

            if (blocks % 8 == 0)
            {
                console.MarkupLine($"[grey]  {sources:N0} tracks related, {rows:N0} rows, {watch.Elapsed.TotalSeconds:0} s[/]");
            }
        });
        var relate = watch.Elapsed.TotalSeconds;
        var peakMib = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);

        var table = new Table().Title($"track co-playlist relate at scale, top-{topK} — SYNTHETIC MPD-shaped data, in memory");
        foreach (var c in new[] { "playlists", "entries", "tracks related", "relation rows", "evidence ids", "generate s", "relate s", "rows/s", "peak MiB" })
        {
            table.AddColumn(new TableColumn(c).RightAligned());
        }

        table.AddRow(
            Numbers.Count(playlists), Numbers.Count(entries), Numbers.Count(sources), Numbers.Count(rows), Numbers.Count(evidence), Numbers.Seconds(generate, 1),
            Numbers.Seconds(relate, 1), Numbers.Count((long)(rows / Math.Max(relate, 1e-9))), Numbers.Count(peakMib));
        console.Write(table);
        console.MarkupLine($"[grey]relate = inverted index + all pairs + top-{topK} per track + evidence samples, in blocks of {blockItems:N0} tracks; rows are dropped after each block (no store write). {Environment.ProcessorCount} cores, .NET {Environment.Version}.[/]");
        console.Profile.Out.Writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"bench scale (synthetic): playlists={playlists} entries={entries} tracks={sources} rows={rows} evidence_ids={evidence} generate_s={generate:0.0} relate_s={relate:0.0} peak_mib={peakMib} weight_sum={checksum:0.000}"));
    }
}
