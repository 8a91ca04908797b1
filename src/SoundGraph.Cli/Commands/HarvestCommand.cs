using System.CommandLine;
using SoundGraph.Cli.Jobs;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr harvest soundcloud --track &lt;url|id&gt;</c>: the Deep Harvest of one seed track.</summary>
public static class HarvestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var track = new Option<string?>("--track") { Description = "The seed: a SoundCloud track URL or numeric track id (required unless --run names the run to join)." };
        var config = new Option<string?>("--config") { Description = "Layer limits and client settings (YAML, or JSON for a .json file); config/harvest.example.yaml lists every key with its default." };
        var api = new Option<string?>("--api") { Description = "API base URL (default https://api.soundcloud.com/; the fake SoundCloud server's URL for the demo)." };
        var tokenUrl = new Option<string?>("--token-url") { Description = "OAuth token URL (default: <api>/oauth/token with --api, else https://secure.soundcloud.com/oauth/token)." };
        var spill = new Option<string?>("--spill") { Description = "Raw JSONL spill file (default: beside the SQLite database as <db>.spill/soundcloud.jsonl)." };
        var restart = new Option<bool>("--restart") { Description = "Start a new run even when an unfinished run of this seed and configuration can be resumed." };
        var workers = new Option<int?>("--workers") { Description = "Collection walks in progress at once, 1–64 (default 4, or the configuration's soundcloud.max_concurrent_requests)." };
        var rps = new Option<double?>("--rps") { Description = "Requests per second, client-side, (0, 1000] (default 5, or the configuration's soundcloud.requests_per_second)." };
        var only = new Option<string[]>("--only")
        {
            Description = "Enable only these layers (repeatable or comma-separated; default: every layer the configuration enables): " + string.Join(", ", HarvestOptions.LayerNames) + ".",
            AllowMultipleArgumentsPerToken = true,
        };
        var join = new Option<bool>("--join")
        {
            Description = "Be one of several workers sharing one run through PostgreSQL (each its own process, machine and credentials): join the unfinished " +
                "run of this seed and configuration, or start it, and claim walks under a lease. Needs --db to be PostgreSQL.",
        };
        var worker = new Option<string?>("--worker") { Description = "This worker's name on the walks it claims, unique among the run's workers (implies --join; default <host>:<pid>)." };
        var run = new Option<long?>("--run") { Description = "Join this running harvest run by id (implies --join); its seed is used, and the configuration must be the run's." };
        var lease = new Option<double?>("--lease") { Description = "Seconds a claimed walk stays this worker's without renewal, 1–3600 (default 30; renewed every third of it): a killed worker's walks are taken over after it." };
        var soundcloud = new Command("soundcloud", "Harvest everything around a SoundCloud seed track (likers, reposters, their likes, playlists, discography, " +
            "similar titles, commenters, labels, credited names), spill every response, store it, resumably. Credentials: SOUNDCLOUD_CLIENT_ID and " +
            "SOUNDCLOUD_CLIENT_SECRET, or SOUNDCLOUD_ACCESS_TOKEN (each worker of a shared run its own). Several machines, one PostgreSQL: --join on each.")
        {
            track, config, api, tokenUrl, spill, restart, workers, rps, only, join, worker, run, lease,
        };
        soundcloud.SetAction(async (parse, ct) =>
        {
            var settings = new HarvestJob.Settings(
                parse.GetValue(track),
                parse.GetValue(config),
                parse.GetValue(api),
                parse.GetValue(tokenUrl),
                parse.GetValue(spill),
                parse.GetValue(restart),
                parse.GetValue(workers),
                parse.GetValue(rps),
                parse.GetValue(only) ?? [],
                new HarvestJob.SharedSettings(parse.GetValue(join), parse.GetValue(worker), parse.GetValue(run), parse.GetValue(lease)));
            HarvestJob.CheckProvider(settings, StoreLocation.Parse(CliContext.DbValue(parse)));
            var prepared = HarvestJob.Prepare(settings);
            var spillPath = HarvestJob.SpillPath(prepared.Settings, StoreLocation.Parse(CliContext.DbValue(parse)), prepared.Worker);
            // The default spill lives in its own folder beside the database: that folder is what a failed first run removes.
            var spillSide = prepared.Settings.SpillPath is null ? Path.GetDirectoryName(spillPath)! : spillPath;
            return await CliContext.RunOnStoreAsync(
                parse, store => HarvestJob.RunAsync(context, store, prepared, parse.GetValue(CliContext.JsonOption), ct), [spillSide], ct).ConfigureAwait(false);
        });
        return new Command("harvest", "Harvest data from a web API into the store.") { soundcloud };
    }
}
