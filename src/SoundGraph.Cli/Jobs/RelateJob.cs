using System.Diagnostics;
using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;
using SoundGraph.Storage;
using Spectre.Console;

namespace SoundGraph.Cli.Jobs;

/// <summary>Timing and size of one relation kind computed by <see cref="RelateJob"/>.</summary>
/// <param name="Kind">Relation kind.</param>
/// <param name="InputGroups">Groups in the input membership (playlists, listeners, likers, tags, tracks; for audio, the
/// distinct tracks with Spotify descriptors or a local-audio analysis).</param>
/// <param name="InputEntries">Entries in the input membership (Σ|g|; for audio, the feature vectors: Spotify ones plus
/// local-audio ones).</param>
/// <param name="Rows">Directed relation rows written.</param>
/// <param name="LoadSeconds">Seconds reading the input from the store.</param>
/// <param name="ComputeSeconds">Seconds in the in-memory engine.</param>
/// <param name="WriteSeconds">Seconds writing rows and evidence.</param>
public sealed record RelateKindResult(RelationKind Kind, long InputGroups, long InputEntries, long Rows, double LoadSeconds, double ComputeSeconds, double WriteSeconds);

/// <summary><c>sgr relate</c>: reads memberships from the store, computes every relation kind in memory
/// (SoundGraph.Graph) and writes the top-K rows with their evidence back, one kind at a time so memory stays bounded.</summary>
public static class RelateJob
{
    /// <summary>Computes and stores the kinds selected in <paramref name="options"/>.</summary>
    public static async Task<IReadOnlyList<RelateKindResult>> RunAsync(CliContext context, SoundGraphStore store, RelateOptions options, bool quiet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var results = new List<RelateKindResult>();
        var computedAt = DateTimeOffset.UtcNow;
        foreach (var kind in RelationKinds.All.Where(options.Kinds.Contains))
        {
            ct.ThrowIfCancellationRequested();
            if (!quiet)
            {
                context.Console.MarkupLine($"[grey]relating {kind.Code()}…[/]");
            }

            var watch = Stopwatch.StartNew();
            var (inputs, groups, entries) = await LoadAsync(store.Relations, kind, ct).ConfigureAwait(false);
            var load = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var built = RelationEngine.BuildTables(inputs, options with { Kinds = new HashSet<RelationKind> { kind } });
            var compute = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var written = built.TryGetValue(kind, out var table)
                ? await RelationTableStore.ReplaceAsync(store.Relations, table, computedAt, ct).ConfigureAwait(false)
                : await store.Relations.ReplaceRelationsAsync(kind, [], computedAt, ct).ConfigureAwait(false);
            results.Add(new RelateKindResult(kind, groups, entries, written, load, compute, watch.Elapsed.TotalSeconds));
        }

        // Unveil's precomputed shared-label rows (SQLite), whatever kinds ran: the catalog may have changed since.
        await store.RefreshUnveilRowsAsync(ct).ConfigureAwait(false);

        if (!quiet)
        {
            Render(context.Console, results, options.General.TopK);
        }

        return results;
    }

    /// <summary>Writes the per-kind table.</summary>
    public static void Render(IAnsiConsole console, IReadOnlyList<RelateKindResult> results, int topK)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(results);
        var table = new Table().Title($"relate (top-{topK} per node)")
            .AddColumn(new TableColumn("kind").NoWrap()).AddColumn(new TableColumn("groups").RightAligned()).AddColumn(new TableColumn("entries").RightAligned())
            .AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("load s").RightAligned())
            .AddColumn(new TableColumn("compute s").RightAligned()).AddColumn(new TableColumn("write s").RightAligned());
        foreach (var r in results)
        {
            table.AddRow(r.Kind.Code(), N(r.InputGroups), N(r.InputEntries), N(r.Rows), S(r.LoadSeconds), S(r.ComputeSeconds), S(r.WriteSeconds));
        }

        console.Write(table);
    }

    private static async Task<(RelationInputs Inputs, long Groups, long Entries)> LoadAsync(IRelationStore store, RelationKind kind, CancellationToken ct)
    {
        if (kind == RelationKind.TrackAudioSimilarity)
        {
            // Two feature spaces, standardized apart and merged by the engine: Spotify's descriptors and the analyses of
            // the user's files.
            var (ids, features) = await store.LoadAudioFeaturesAsync(ct).ConfigureAwait(false);
            var (localIds, localFeatures) = await store.LoadLocalAudioFeaturesAsync(ct).ConfigureAwait(false);
            var audio = new RelationInputs { AudioTrackIds = ids, AudioFeatures = features, LocalAudioTrackIds = localIds, LocalAudioFeatures = localFeatures };
            return (audio, ids.Union(localIds).LongCount(), ids.Length + localIds.Length);
        }

        var (load, inputs) = kind switch
        {
            RelationKind.TrackCoPlaylist => Slot(store.LoadPlaylistTracksAsync, m => new RelationInputs { PlaylistTracks = m }),
            RelationKind.ArtistCoPlaylist => Slot(store.LoadPlaylistArtistsAsync, m => new RelationInputs { PlaylistArtists = m }),
            RelationKind.ArtistCoListen or RelationKind.UserJaccard => Slot(store.LoadListenerArtistsAsync, m => new RelationInputs { ListenerArtists = m }),
            RelationKind.ArtistTagOverlap => Slot(store.LoadArtistTagsAsync, m => new RelationInputs { ArtistTags = m }),
            RelationKind.TrackTagOverlap => Slot(store.LoadTrackTagsAsync, m => new RelationInputs { TrackTags = m }),
            RelationKind.ArtistCollaboration => Slot(store.LoadTrackCreditsAsync, m => new RelationInputs { TrackCredits = m }),
            RelationKind.UserLikeJaccard => Slot(store.LoadUserLikedTracksAsync, m => new RelationInputs { UserLikedTracks = m }),
            RelationKind.ArtistCoLibrary => Slot(store.LoadUserLikedArtistsAsync, m => new RelationInputs { UserLikedArtists = m }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown relation kind."),
        };
        var membership = await load(ct).ConfigureAwait(false);
        return (inputs(membership), membership.GroupCount, membership.ItemIds.Length);

        static (Func<CancellationToken, Task<Bipartite>> Load, Func<Bipartite, RelationInputs> Inputs) Slot(
            Func<CancellationToken, Task<Bipartite>> load, Func<Bipartite, RelationInputs> inputs) => (load, inputs);
    }

    private static string N(long n) => Numbers.Count(n);

    private static string S(double s) => Numbers.Seconds(s, 2);
}
