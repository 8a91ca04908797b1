using System.CommandLine;
using System.Globalization;
using Dapper;
using SoundGraph.Cli.Commands;
using SoundGraph.FakeMusicBrainz;
using SoundGraph.Ingest;
using SoundGraph.Ingest.Sources.MusicBrainz;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Bench;

/// <summary><c>sgr bench resolve</c>: <c>sgr resolve musicbrainz</c>'s match rate and precision on the demo's tracks against
/// the fake MusicBrainz serving a SYNTHETIC world seeded from those tracks' real names
/// (<see cref="FakeMbWorld.FromTracks"/>), whose ground truth says which recording, if any, is each track's.</summary>
public static class ResolveBench
{
    /// <summary>Builds the subcommand.</summary>
    /// <param name="context">Consoles.</param>
    /// <returns>The <c>resolve</c> bench.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new Option<string?>("--data") { Description = "The demo data folder (default: data/demo of this repository); its Spotify top-songs CSV is the demo store's tracks." };
        var limit = new Option<int>("--limit") { Description = "Tracks to resolve (in id order; 0 = all).", DefaultValueFactory = _ => 0 };
        var rps = new Option<double>("--rps") { Description = "The fake server's rate limit and the client's rate, requests/s, (0, 50]. The 1 request/s pacing is checked by the resolver tests.", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Seed of the SYNTHETIC world's perturbations and ids.", DefaultValueFactory = _ => 7 };
        var isrcShare = new Option<double>("--isrc-share") { Description = "Share of tracks given a SYNTHETIC XXSYN ISRC in the throwaway store (the demo data has none), 0–1.", DefaultValueFactory = _ => 0.3 };
        var sample = new Option<int>("--sample-seed") { Description = "Seed of the hand-check sample.", DefaultValueFactory = _ => 1 };
        var command = new Command("resolve", "sgr resolve musicbrainz on the demo's tracks against the fake MusicBrainz with a SYNTHETIC world seeded from their names: match rate, precision from the ground truth, a margin sweep and a sample to hand-check.")
        {
            data, limit, rps, seed, isrcShare, sample,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(limit) < 0 || parse.GetValue(rps) is <= 0 or > 50 || parse.GetValue(isrcShare) is < 0 or > 1)
            {
                throw new ArgumentException("--limit must be at least 0, --rps in (0, 50], --isrc-share in [0, 1].");
            }

            var folder = parse.GetValue(data) ?? DemoCommand.FindDemoData()
                ?? throw new DirectoryNotFoundException("Cannot find data/demo: run sgr from the repository, or pass --data <folder>.");
            var run = await RunAsync(context, folder, parse.GetValue(limit), parse.GetValue(rps), parse.GetValue(seed), parse.GetValue(isrcShare), ct).ConfigureAwait(false);
            ResolveBenchReport.Write(context.Console.Profile.Out.Writer, run, parse.GetValue(sample));
            return 0;
        });
        return command;
    }

    /// <summary>Imports the demo's tracks into a throwaway SQLite store, gives a seeded share of them synthetic ISRCs, makes
    /// the world from the store, serves it and resolves the tracks.</summary>
    /// <param name="context">Consoles (progress lines).</param>
    /// <param name="demoFolder">data/demo.</param>
    /// <param name="limit">Tracks to resolve, 0 for all.</param>
    /// <param name="rps">Server limit and client rate.</param>
    /// <param name="seed">World seed.</param>
    /// <param name="isrcShare">Share of tracks given a synthetic ISRC.</param>
    /// <param name="ct">Cancels the run.</param>
    /// <returns>The world, the looked-up tracks, the summary and the stored matches.</returns>
    public static async Task<ResolveBenchRun> RunAsync(CliContext context, string demoFolder, int limit, double rps, int seed, double isrcShare, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var folder = Path.Combine(Path.GetTempPath(), "soundgraph-resolve-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var db = Path.Combine(folder, "demo.db");
            await using var store = await SoundGraphStore.OpenAsync(db, ct).ConfigureAwait(false);
            var csv = Path.Combine(demoFolder, "spotify-top-songs-audio-features", "spotify_top_songs_audio_features.csv");
            await ImporterCatalog.Get("spotify-features").ImportAsync(csv, store.Catalog, new ListRejectSink(), null, ct).ConfigureAwait(false);
            await GiveSyntheticIsrcsAsync(store, isrcShare, seed, ct).ConfigureAwait(false);
            var tracks = StoreTracks.Read(db);
            var world = FakeMbWorld.FromTracks(tracks, seed);
            var lookedUp = tracks.Take(limit == 0 ? tracks.Count : limit).ToList();
            context.Console.Profile.Out.Writer.WriteLine(
                $"SYNTHETIC world seeded from {tracks.Count} demo track names: {world.Recordings.Count} made-up recordings; resolving {lookedUp.Count} tracks at {rps.ToString(CultureInfo.InvariantCulture)} requests/s…");
            await using var server = await FakeMusicBrainzServer.StartAsync(world, new FakeMusicBrainzOptions { RequestsPerSecond = rps }, ct).ConfigureAwait(false);
            using var http = new HttpClient();
            using var client = new MusicBrainzClient(http, new MusicBrainzOptions { BaseUri = server.BaseUri, Contact = "bench@example.org", RequestsPerSecond = rps, RetryBaseDelay = TimeSpan.FromSeconds(0.2) });
            var summary = await new MusicBrainzResolver(store, client).ResolveAsync(new MusicBrainzResolveOptions { Limit = lookedUp.Count }, null, ct).ConfigureAwait(false);
            var matches = (await store.Connection.QueryAsync<(string Key, string Mbid, string Method)>(new CommandDefinition(
                "SELECT t.key, i.value, i.method FROM track_identifiers i JOIN tracks t ON t.id = i.track_id WHERE i.kind = 'mbid'", cancellationToken: ct)).ConfigureAwait(false))
                .ToDictionary(m => m.Key, m => (Mbid: Guid.Parse(m.Mbid), m.Method), StringComparer.Ordinal);
            return new ResolveBenchRun(world, lookedUp, summary, matches, server.TooFast, seed, isrcShare, rps);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task GiveSyntheticIsrcsAsync(SoundGraphStore store, double share, int seed, CancellationToken ct)
    {
        var ids = (await store.Connection.QueryAsync<long>(new CommandDefinition("SELECT id FROM tracks ORDER BY id", cancellationToken: ct)).ConfigureAwait(false)).ToList();
        var random = new Random(seed + 1);
        var rows = ids.Where(_ => random.NextDouble() < share)
            .Select(id => new { id, isrc = "XXSYN26" + (id % 100_000).ToString("D5", CultureInfo.InvariantCulture) }).ToList();
        await store.Connection.ExecuteAsync(new CommandDefinition("UPDATE tracks SET isrc = @isrc WHERE id = @id", rows, cancellationToken: ct)).ConfigureAwait(false);
    }
}

/// <summary>One <c>sgr bench resolve</c> run.</summary>
/// <param name="World">The SYNTHETIC world with its ground truth.</param>
/// <param name="LookedUp">The tracks resolved (key, title, primary artist, ISRC), in id order.</param>
/// <param name="Summary">The resolver's counts.</param>
/// <param name="Matches">Stored MBIDs by track key, with method <c>id</c> (ISRC) or <c>name</c> (search).</param>
/// <param name="TooFast">503 answers the fake sent.</param>
/// <param name="Seed">World seed.</param>
/// <param name="IsrcShare">Share of tracks given a synthetic ISRC.</param>
/// <param name="Rps">Rate.</param>
public sealed record ResolveBenchRun(
    FakeMbWorld World,
    IReadOnlyList<(string Key, string Title, string? Artist, string? Isrc)> LookedUp,
    MusicBrainzResolveSummary Summary,
    IReadOnlyDictionary<string, (Guid Mbid, string Method)> Matches,
    int TooFast,
    int Seed,
    double IsrcShare,
    double Rps);
