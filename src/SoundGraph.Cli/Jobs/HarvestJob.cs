using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoundGraph.Cli.Rendering;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Scores;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Storage;
using Spectre.Console;

namespace SoundGraph.Cli.Jobs;

/// <summary>Runs a Deep Harvest with one progress bar per layer and ends with its statistics.</summary>
public static class HarvestJob
{
    /// <summary>Command-line settings of a harvest.</summary>
    /// <param name="Seed">Seed URL or id.</param>
    /// <param name="ConfigPath">Configuration file, or null for the defaults.</param>
    /// <param name="Api">API base URL override.</param>
    /// <param name="TokenUrl">Token URL override.</param>
    /// <param name="SpillPath">Spill file override.</param>
    /// <param name="Restart">Start a new run.</param>
    /// <param name="Workers">Concurrent walks override.</param>
    /// <param name="RequestsPerSecond">Client request rate override.</param>
    /// <param name="Only">Layers to enable (empty: the configuration's).</param>
    /// <param name="Shared">Worker settings of a run shared by several processes, or null for a single-process harvest.</param>
    public sealed record Settings(
        string? Seed, string? ConfigPath, string? Api, string? TokenUrl, string? SpillPath, bool Restart, int? Workers, double? RequestsPerSecond, IReadOnlyList<string> Only,
        SharedSettings? Shared = null);

    /// <summary>Command-line settings of one worker of a shared run (<c>--join</c>, <c>--worker</c>, <c>--run</c>, <c>--lease</c>).</summary>
    /// <param name="Join">Whether <c>--join</c> was given.</param>
    /// <param name="Worker">The worker's name, or null for <c>host:pid</c>.</param>
    /// <param name="RunId">The run to join, or null for the run of the seed and configuration.</param>
    /// <param name="LeaseSeconds">Lease in seconds, or null for the default (30).</param>
    public sealed record SharedSettings(bool Join, string? Worker, long? RunId, double? LeaseSeconds)
    {
        /// <summary>Any of the four options turns shared mode on.</summary>
        public bool Enabled => Join || Worker is not null || RunId is not null || LeaseSeconds is not null;
    }

    /// <summary>Everything a harvest needs, checked before the store is opened or any request is made.</summary>
    /// <param name="Settings">The command-line settings.</param>
    /// <param name="Options">Layer options.</param>
    /// <param name="Client">Client options, credentials included.</param>
    /// <param name="Worker">This process's part in a shared run, or null for a single-process harvest.</param>
    public sealed record Prepared(Settings Settings, HarvestOptions Options, SoundCloudOptions Client, HarvestWorker? Worker = null);

    /// <summary>Refuses a shared run on SQLite before anything else is checked or created.</summary>
    /// <exception cref="InvalidOperationException">Several workers were asked for on a SQLite store (one sentence).</exception>
    public static void CheckProvider(Settings settings, StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(location);
        if (settings.Shared is { Enabled: true } && location.Provider != StoreProvider.Postgres)
        {
            throw new InvalidOperationException(SoundGraph.Storage.Harvest.HarvestLeaseStore.NeedsPostgres);
        }
    }

    /// <summary>Reads the configuration and checks every setting, the seed's form and the presence of credentials, so a
    /// mistake costs no store, no spill and no request.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names the option or key.</exception>
    /// <exception cref="FormatException">The configuration file does not parse.</exception>
    /// <exception cref="HarvestException">The seed is neither a track id nor a SoundCloud URL.</exception>
    /// <exception cref="InvalidOperationException">No credentials in the environment.</exception>
    public static Prepared Prepare(Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Seed is not null)
        {
            HarvestSeed.Parse(settings.Seed);
        }
        else if (settings.Shared?.RunId is null)
        {
            throw new ArgumentException("--track is required (or --run <id> to join a running shared harvest).");
        }

        var worker = Worker(settings.Shared);
        var file = settings.ConfigPath is null ? new HarvestConfigFile() : LoadConfig(settings.ConfigPath);
        var options = file.Harvest;
        var only = settings.Only.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (only.FirstOrDefault(l => !HarvestOptions.LayerNames.Contains(l)) is { } unknown)
        {
            throw new ArgumentException($"--only: unknown layer '{unknown}' (layers: {string.Join(", ", HarvestOptions.LayerNames)}).");
        }

        if (only.Count > 0)
        {
            options.Users.Enabled = only.Contains("users");
            options.Playlists.Enabled = only.Contains("playlists");
            options.Artist.Enabled = only.Contains("artist");
            options.Semantic.Enabled = only.Contains("semantic");
            options.Comments.Enabled = only.Contains("comments");
            options.Labels.Enabled = only.Contains("labels");
            options.Entities.Enabled = only.Contains("entities");
        }

        options.Validate();
        if (settings.RequestsPerSecond is { } rps && !(rps > 0 && rps <= 1000))
        {
            throw new ArgumentException($"--rps must be above 0 and at most 1000 (got {rps.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (settings.Workers is < 1 or > 64)
        {
            throw new ArgumentException($"--workers must be 1–64 (got {settings.Workers}).");
        }

        var client = ClientOptions(file.SoundCloud, settings);
        if (!client.HasCredentials)
        {
            throw new InvalidOperationException(
                $"SoundCloud credentials are missing: set {SoundCloudOptions.ClientIdVariable} and {SoundCloudOptions.ClientSecretVariable} (client credentials), " +
                $"or {SoundCloudOptions.AccessTokenVariable} (a user access token).");
        }

        return new Prepared(settings, options, client, worker);
    }

    private static HarvestWorker? Worker(SharedSettings? shared)
    {
        if (shared is not { Enabled: true })
        {
            return null;
        }

        if (shared.LeaseSeconds is { } seconds && !(seconds >= 1 && seconds <= 3600))
        {
            throw new ArgumentException($"--lease must be 1–3600 seconds (got {seconds.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (shared.RunId is < 1)
        {
            throw new ArgumentException($"--run must be a run id of 1 or more (got {shared.RunId}).");
        }

        var name = shared.Worker ?? $"{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
        var worker = new HarvestWorker(name, shared.LeaseSeconds is { } s ? TimeSpan.FromSeconds(s) : HarvestWorker.DefaultLease, shared.RunId);
        try
        {
            worker.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("--worker: " + e.Message.Split(" (Parameter", 2)[0], e);
        }

        return worker;
    }

    /// <summary>Harvests and prints the statistics; returns the exit code (130 when cancelled: the run resumes later).</summary>
    public static async Task<int> RunAsync(CliContext context, SoundGraphStore store, Prepared prepared, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prepared);
        var (settings, options, clientOptions, worker) = prepared;
        var spillPath = SpillPath(settings, store.Location, worker);
        using var spill = new SpillWriter(spillPath);
        var services = new ServiceCollection();
        services.AddHttpClient("soundcloud", http => http.Timeout = Timeout.InfiniteTimeSpan).ConfigurePrimaryHttpMessageHandler(SoundCloudClient.CreateHandler);
        await using var provider = services.BuildServiceProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new ErrorLoggerProvider(context.Error)).SetMinimumLevel(LogLevel.Warning));
        using var client = new SoundCloudClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient("soundcloud"), clientOptions, TimeProvider.System, loggerFactory.CreateLogger<SoundCloudClient>(), spill);
        using var engine = new HarvestEngine(store, client, options, spill, loggerFactory.CreateLogger<HarvestEngine>());
        var request = new HarvestRequest(settings.Seed ?? string.Empty, settings.Restart, settings.Workers ?? clientOptions.MaxConcurrentRequests, worker);
        HarvestResult result;
        try
        {
            result = await HarvestAsync(context, engine, request, json, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync(
                "cancelled: the frontier keeps every walk's cursor; run the same command again to resume (--restart starts over).").ConfigureAwait(false);
            return CliApp.Cancelled;
        }

        var totals = await store.CountRowsAsync(ct).ConfigureAwait(false);
        var seedId = await store.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM tracks WHERE key = @key", new { key = SoundCloudRecords.TrackKey(result.Seed.Id) }, cancellationToken: ct)).ConfigureAwait(false);
        var score = seedId is { } id ? await store.Unveil.ReadEngagementScoreAsync(id, ct).ConfigureAwait(false) : null;
        if (json)
        {
            context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new
            {
                run = result.RunId,
                result.Resumed,
                worker = worker?.Name,
                seed = new { result.Seed.Id, result.Seed.Title },
                tracks = result.Stats.Tracks,
                users = result.Stats.Users,
                playlists = result.Stats.Playlists,
                engagements = result.Stats.EngagementsByKind.ToDictionary(k => k.Key.ToString().ToLowerInvariant(), k => k.Value),
                labels = result.Stats.Labels,
                entities = result.Stats.Entities,
                requests = result.Stats.Requests,
                retries = result.Stats.Retries,
                rateLimited = result.Stats.RateLimited,
                seconds = result.Stats.Seconds,
                engagementScore = score is null ? (double?)null : score.Value,
                spill = spill.Path,
                store = totals,
            }));
        }
        else
        {
            Render(context.Console, result, spill, totals, score, worker);
        }

        return 0;
    }

    private static async Task<HarvestResult> HarvestAsync(CliContext context, HarvestEngine engine, HarvestRequest request, bool json, CancellationToken ct)
    {
        if (!context.Console.Profile.Capabilities.Interactive || json)
        {
            using var progress = ProgressReporter.Start(context, "harvest", () => Status(engine.Progress));
            return await engine.RunAsync(request, ct).ConfigureAwait(false);
        }

        return await context.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var run = engine.RunAsync(request, ct);
                while (!run.IsCompleted)
                {
                    UpdateBars(ctx, bars, engine.Progress);
                    await Task.WhenAny(run, Task.Delay(200, CancellationToken.None)).ConfigureAwait(false);
                }

                UpdateBars(ctx, bars, engine.Progress);
                return await run.ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private static HarvestConfigFile LoadConfig(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The harvest configuration '{path}' does not exist.", path);
        }

        return HarvestConfigFile.Load(path);
    }

    private static SoundCloudOptions ClientOptions(SoundCloudSettings file, Settings settings)
    {
        var api = settings.Api ?? file.ApiBaseUri;
        var defaults = new SoundCloudOptions();
        var apiUri = api is null ? defaults.ApiBaseUri : ParseUri(api.EndsWith('/') ? api : api + "/", "--api");
        var tokenUri = settings.TokenUrl ?? file.TokenUri;
        var options = SoundCloudOptions.FromEnvironment(new SoundCloudOptions
        {
            ApiBaseUri = apiUri,
            TokenUri = tokenUri is not null ? ParseUri(tokenUri, "--token-url") : api is not null ? new Uri(apiUri, "oauth/token") : defaults.TokenUri,
            PageSize = file.PageSize ?? defaults.PageSize,
            RequestsPerSecond = settings.RequestsPerSecond ?? file.RequestsPerSecond ?? defaults.RequestsPerSecond,
            MaxConcurrentRequests = file.MaxConcurrentRequests ?? defaults.MaxConcurrentRequests,
            MaxRetries = file.MaxRetries ?? defaults.MaxRetries,
        });
        options.Validate();
        return options;
    }

    private static Uri ParseUri(string value, string option) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.UserInfo.Length == 0
            ? uri
            : throw new ArgumentException($"{option} must be an absolute http(s) URL without a user name or password.");

    /// <summary>The raw spill file: <c>--spill</c>, else <c>&lt;db&gt;.spill/soundcloud.jsonl</c> beside a SQLite database,
    /// else <c>soundgraph-spill/soundcloud.jsonl</c> in the working directory; a worker of a shared run spills to
    /// <c>soundgraph-spill/soundcloud-&lt;worker&gt;.jsonl</c> (unsafe file-name characters as <c>_</c>), so workers on one
    /// machine never append to one file.</summary>
    public static string SpillPath(Settings settings, StoreLocation location, HarvestWorker? worker = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(location);
        var name = worker is null ? "soundcloud.jsonl" : $"soundcloud-{string.Concat(worker.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'))}.jsonl";
        return settings.SpillPath ?? (location.Provider == StoreProvider.Sqlite
            ? Path.Combine(Path.GetFullPath(location.Value) + ".spill", name)
            : Path.GetFullPath(Path.Combine("soundgraph-spill", name)));
    }

    /// <summary>One line for the redirected heartbeat: walks, items and pages over all layers, then the busy layers.</summary>
    private static string Status(HarvestProgress progress)
    {
        var layers = progress.Layers.ToList();
        var busy = layers.Where(l => l.WalksDone < l.Walks).Select(l => $"{l.Name} {l.WalksDone}/{l.Walks}");
        return $"{layers.Sum(l => l.WalksDone)}/{layers.Sum(l => l.Walks)} walks, {Numbers.Count(layers.Sum(l => l.Items))} items, " +
            $"{Numbers.Count(layers.Sum(l => l.Pages))} pages; running: {string.Join(", ", busy.DefaultIfEmpty("none"))}";
    }

    private static void UpdateBars(ProgressContext ctx, Dictionary<string, ProgressTask> bars, HarvestProgress progress)
    {
        foreach (var layer in progress.Layers)
        {
            if (!bars.TryGetValue(layer.Name, out var bar))
            {
                bar = ctx.AddTask(layer.Name, maxValue: 1);
                bars[layer.Name] = bar;
            }

            bar.MaxValue = Math.Max(1, layer.Walks);
            bar.Value = layer.WalksDone;
            bar.Description = $"{layer.Name,-9} {layer.WalksDone}/{layer.Walks} walks · {Numbers.Count(layer.Items)} items · {Numbers.Count(layer.Pages)} pages";
        }
    }

    private static void Render(IAnsiConsole console, HarvestResult result, SpillWriter spill, IReadOnlyDictionary<string, long> totals, EngagementScore? score, HarvestWorker? worker)
    {
        var s = result.Stats;
        var how = worker is null ? (result.Resumed ? " (resumed)" : string.Empty) : $" (worker {Markup.Escape(worker.Name)}, {(result.Resumed ? "joined" : "started")})";
        console.MarkupLine($"[bold]Harvest run {result.RunId}[/]{how} of [bold]{Markup.Escape(result.Seed.Title ?? result.Seed.Id.ToString(CultureInfo.InvariantCulture))}[/] (soundcloud:track:{result.Seed.Id})");
        var table = new Table().AddColumn("").AddColumn(new TableColumn("this session").RightAligned()).AddColumn(new TableColumn("store total").RightAligned());
        table.AddRow("tracks", Numbers.Count(s.Tracks), Numbers.Count(totals["tracks"]));
        table.AddRow("users", Numbers.Count(s.Users), Numbers.Count(totals["users"]));
        table.AddRow("playlists", Numbers.Count(s.Playlists), Numbers.Count(totals["playlists"]));
        foreach (var (kind, n) in s.EngagementsByKind.Where(k => k.Key != EngagementKind.Play))
        {
            table.AddRow($"engagements: {kind.ToString().ToLowerInvariant()}", Numbers.Count(n), string.Empty);
        }

        table.AddRow("engagements (all kinds)", Numbers.Count(s.EngagementsByKind.Values.Sum()), Numbers.Count(totals["engagements"]));
        table.AddRow("labels", Numbers.Count(s.Labels), Numbers.Count(totals["labels"]));
        table.AddRow("entities", Numbers.Count(s.Entities), string.Empty);
        table.AddRow("requests", Numbers.Count(s.Requests), string.Empty);
        table.AddRow("retries", Numbers.Count(s.Retries), string.Empty);
        table.AddRow("429 answers", Numbers.Count(s.RateLimited), string.Empty);
        table.AddRow("seconds", s.Seconds.ToString("0.0", CultureInfo.InvariantCulture), string.Empty);
        table.AddRow("requests/s", s.Seconds > 0 ? (s.Requests / s.Seconds).ToString("0.0", CultureInfo.InvariantCulture) : "-", string.Empty);
        console.Write(table);
        if (score is { AnyCountKnown: true })
        {
            console.MarkupLine(
                $"seed engagement score [bold]{score.Value.ToString("0.000", CultureInfo.InvariantCulture)}[/] = 0.5·plays/max + 0.3·likes/max + 0.2·reposts/max " +
                $"(plays {Numbers.Count(score.Plays ?? 0)} of {Numbers.Count(score.MaxPlays ?? 0)}, likes {Numbers.Count(score.Likes ?? 0)} of {Numbers.Count(score.MaxLikes ?? 0)}, " +
                $"reposts {Numbers.Count(score.Reposts ?? 0)} of {Numbers.Count(score.MaxReposts ?? 0)}; maxima over the whole store)");
        }

        console.MarkupLine($"[grey]raw spill: {Markup.Escape(spill.Path)} (+{Numbers.Count(spill.Lines)} lines this session); next: sgr relate, then sgr unveil soundcloud:track:{result.Seed.Id}[/]");
    }
}
