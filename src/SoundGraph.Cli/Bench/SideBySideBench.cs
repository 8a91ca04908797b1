using System.Diagnostics;
using System.Globalization;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;
using SoundGraph.Ingest;
using SoundGraph.Storage;
using SoundGraph.Storage.Postgres;
using Spectre.Console;

namespace SoundGraph.Cli.Bench;

/// <summary>Figures of one <see cref="SideBySideBench"/> size.</summary>
/// <param name="Playlists">Synthetic playlists loaded.</param>
/// <param name="Entries">Playlist entries loaded.</param>
/// <param name="LoadSeconds">Seconds importing the slices into PostgreSQL (not part of either side).</param>
/// <param name="ViewPairs">Rows of the materialized view (unordered pairs).</param>
/// <param name="CreateSeconds">A: CREATE MATERIALIZED VIEW plus its unique index.</param>
/// <param name="RefreshSeconds">A: REFRESH MATERIALIZED VIEW CONCURRENTLY (NaN when skipped with --no-refresh).</param>
/// <param name="Relate">B: SoundGraph's relate of track co-playlist (read, compute, write top-K back).</param>
public sealed record SideBySideResult(int Playlists, long Entries, double LoadSeconds, long ViewPairs, double CreateSeconds, double RefreshSeconds, RelateKindResult Relate)
{
    /// <summary>B's wall time: read memberships, compute, write the top-K rows and evidence.</summary>
    public double RelateSeconds => Relate.LoadSeconds + Relate.ComputeSeconds + Relate.WriteSeconds;
}

/// <summary>
/// <c>sgr bench cooccurrence</c>: the same SYNTHETIC MPD-shaped playlists (<see cref="SyntheticMpd"/>) loaded into
/// PostgreSQL, then in one process A) the SQL <c>track_cooccurrence</c> view created and refreshed concurrently, and
/// B) SoundGraph's in-memory relate of <c>track_co_playlist</c> with its top-K rows and evidence written back to the same
/// database; prints both times and their ratio. Each size runs in a fresh schema of the given database, dropped after.
/// </summary>
public static class SideBySideBench
{
    /// <summary>Runs one size.</summary>
    /// <exception cref="ArgumentException">The database is not PostgreSQL.</exception>
    public static async Task<SideBySideResult> RunAsync(CliContext context, string db, string folder, int playlists, int topK, bool keep, CancellationToken ct, bool refresh = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        var location = StoreLocation.Parse(db);
        if (location.Provider != StoreProvider.Postgres)
        {
            throw new ArgumentException("bench cooccurrence needs PostgreSQL: pass --db \"Host=…;Database=…\" (or set SOUNDGRAPH_DB).");
        }

        var schema = "sgbench_" + playlists.ToString(CultureInfo.InvariantCulture) + "_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var schemaDb = await PostgresDatabase.CreateSchemaAsync(location.Value, schema, ct).ConfigureAwait(false);
        try
        {
            return await RunInSchemaAsync(context, schemaDb, Path.Combine(folder, playlists.ToString(CultureInfo.InvariantCulture)), playlists, topK, refresh, ct).ConfigureAwait(false);
        }
        finally
        {
            if (!keep)
            {
                await PostgresDatabase.DropSchemaAsync(location.Value, schema, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                context.Console.MarkupLine($"[grey]kept schema {schema}[/]");
            }
        }
    }

    private static async Task<SideBySideResult> RunInSchemaAsync(CliContext context, string db, string dir, int playlists, int topK, bool refresh, CancellationToken ct)
    {
        context.Console.MarkupLine($"[grey]generating {playlists:N0} SYNTHETIC playlists and importing them into PostgreSQL…[/]");
        var (files, entries) = new SyntheticMpd(playlists).WriteSlices(dir);
        await using var store = await SoundGraphStore.OpenAsync(db, ct).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var importer = ImporterCatalog.Get("mpd");
        foreach (var file in files)
        {
            await importer.ImportAsync(file, store.Catalog, new ListRejectSink(), null, ct).ConfigureAwait(false);
        }

        await ExecuteAsync(store, "VACUUM ANALYZE playlist_tracks", ct).ConfigureAwait(false);
        var load = watch.Elapsed.TotalSeconds;
        Directory.Delete(dir, recursive: true);

        context.Console.MarkupLine($"[grey]imported {entries:N0} entries in {load:0.0} s; A) creating the SQL view…[/]");
        var view = store.CooccurrenceView();
        var created = await view.CreateAsync(ct).ConfigureAwait(false);
        context.Console.MarkupLine($"[grey]A) view has {created.Rows:N0} pairs, created in {created.Seconds:0.0} s[/]");
        var refreshSeconds = double.NaN;
        if (refresh)
        {
            context.Console.MarkupLine("[grey]A) refreshing concurrently…[/]");
            refreshSeconds = (await view.RefreshAsync(ct).ConfigureAwait(false)).Seconds;
            context.Console.MarkupLine($"[grey]A) refreshed in {refreshSeconds:0.0} s[/]");
        }

        context.Console.MarkupLine("[grey]B) SoundGraph relate track_co_playlist…[/]");
        var options = Commands.RelateCommand.Options(topK, 5, 0.7, new HashSet<RelationKind> { RelationKind.TrackCoPlaylist });
        var relate = (await RelateJob.RunAsync(context, store, options, quiet: true, ct).ConfigureAwait(false)).Single();
        return new SideBySideResult(playlists, entries, load, created.Rows, created.Seconds, refreshSeconds, relate);
    }

    /// <summary>Prints the results table and one plain line per size.</summary>
    public static void Render(IAnsiConsole console, IReadOnlyList<SideBySideResult> results, int topK)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(results);
        var table = new Table().Title("track co-playlist: SQL materialized view (A) vs SoundGraph relate (B) — SYNTHETIC MPD-shaped data, PostgreSQL");
        foreach (var c in new[] { "playlists", "entries", "view pairs", "A create s", "A refresh s", "B read s", "B compute s", "B write s", "B total s", "B rows", "create ÷ B", "refresh ÷ B" })
        {
            table.AddColumn(new TableColumn(c).RightAligned());
        }

        foreach (var r in results)
        {
            table.AddRow(
                Numbers.Count(r.Playlists), Numbers.Count(r.Entries), Numbers.Count(r.ViewPairs), Numbers.Seconds(r.CreateSeconds, 1), double.IsNaN(r.RefreshSeconds) ? "—" : Numbers.Seconds(r.RefreshSeconds, 1),
                Numbers.Seconds(r.Relate.LoadSeconds, 2), Numbers.Seconds(r.Relate.ComputeSeconds, 2), Numbers.Seconds(r.Relate.WriteSeconds, 2), Numbers.Seconds(r.RelateSeconds, 2),
                Numbers.Count(r.Relate.Rows), Ratio(r.CreateSeconds / r.RelateSeconds), double.IsNaN(r.RefreshSeconds) ? "—" : Ratio(r.RefreshSeconds / r.RelateSeconds));
        }

        console.Write(table);
        console.MarkupLine($"[grey]B = read playlist_tracks, compute all pairs in memory, keep the top-{topK} per track and write them with evidence (COPY). A holds every pair; B the top-K.[/]");
        foreach (var r in results)
        {
            console.Profile.Out.Writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"bench cooccurrence (synthetic): playlists={r.Playlists} entries={r.Entries} import_s={r.LoadSeconds:0.0} view_pairs={r.ViewPairs} a_create_s={r.CreateSeconds:0.00} a_refresh_s={r.RefreshSeconds:0.00} b_read_s={r.Relate.LoadSeconds:0.00} b_compute_s={r.Relate.ComputeSeconds:0.00} b_write_s={r.Relate.WriteSeconds:0.00} b_total_s={r.RelateSeconds:0.00} b_rows={r.Relate.Rows} create_over_b={r.CreateSeconds / r.RelateSeconds:0.0} refresh_over_b={r.RefreshSeconds / r.RelateSeconds:0.0}"));
        }
    }

    private static string Ratio(double x) => x.ToString("0.0", CultureInfo.InvariantCulture) + "×";

    private static async Task ExecuteAsync(SoundGraphStore store, string sql, CancellationToken ct)
    {
        await using var cmd = store.Connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
