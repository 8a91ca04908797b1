using System.CommandLine;
using SoundGraph.Cli.Parsing;
using System.Globalization;
using SoundGraph.Cli.Jobs;
using SoundGraph.Ingest.Sources.LastFm;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Services.Sync;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr sync listenbrainz --user NAME</c>: a user's ListenBrainz listens into the store, incrementally.</summary>
public static class SyncCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="context">Console and error writer.</param>
    /// <returns>The <c>sync</c> command with its <c>listenbrainz</c> subcommand.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = new Option<string>("--user") { Description = "The ListenBrainz user whose listens to sync.", Required = true };
        var since = new Option<string?>("--since") { Description = "First sync only: fetch listens from this UTC date or time on (yyyy-MM-dd or ISO 8601); default: the whole history." };
        var baseUrl = new Option<string?>("--base-url") { Description = "API base URL (default https://api.listenbrainz.org/; the fake ListenBrainz server's URL for the demo)." };
        var tokenFile = new Option<string?>("--token-file") { Description = "A file holding the user token (default: the LISTENBRAINZ_TOKEN environment variable; none: unauthenticated reads)." };
        var full = new Option<bool>("--full") { Description = "Walk the whole history again (listens already stored are not stored twice)." };
        var pageSize = new Option<int?>("--page-size") { Description = "Listens per request, 1–1000 (default 1000)." };
        var listener = ListenerOption();
        var lbSpill = SpillOption.Create();
        var listenbrainz = new Command("listenbrainz", "Fetch a ListenBrainz user's listens (GET /1/user/{user}/listens) into the store: the first run walks the whole history back, " +
            "later runs fetch only newer listens; a killed run resumes at its last stored page. Prints fetched, stored, skipped, requests, 429s answered and seconds.")
        {
            user, since, baseUrl, tokenFile, full, pageSize, listener, lbSpill,
        };
        listenbrainz.SetAction(async (parse, ct) =>
        {
            var request = new ListenBrainzSyncRequest(parse.GetValue(user)!, ParseSince(parse.GetValue(since)), parse.GetValue(full), NonBlank(parse.GetValue(listener)));
            var options = SyncSettings.ListenBrainz(parse.GetValue(baseUrl), ListenBrainzToken.Read(parse.GetValue(tokenFile)), parse.GetValue(pageSize)); // validated before any store is opened
            var rejects = CliContext.RejectsPath(StoreLocation.Parse(CliContext.DbValue(parse)));
            return await CliContext.RunOnStoreAsync(
                parse, store => SyncJob.RunAsync(context, store, options, request, parse.GetValue(lbSpill), parse.GetValue(CliContext.JsonOption), ct), [rejects], ct).ConfigureAwait(false);
        });
        return new Command("sync", "Sync listening data from a web API into the store.") { listenbrainz, CreateLastFm(context) };
    }

    /// <summary><c>sgr sync lastfm --user NAME [--since DATE] [--full] [--api-key-file F] [--base-url U] [--rps R]</c>.</summary>
    private static Command CreateLastFm(CliContext context)
    {
        var user = new Option<string>("--user") { Description = "The Last.fm user whose scrobbles to sync.", Required = true };
        var since = new Option<string?>("--since") { Description = "First sync (or --full) only: fetch scrobbles from this UTC date or time on (yyyy-MM-dd or ISO 8601)." };
        var full = new Option<bool>("--full") { Description = "Walk the whole history again (scrobbles already stored are not stored twice)." };
        var keyFile = new Option<string?>("--api-key-file") { Description = "A file holding the API key (default: the LASTFM_API_KEY environment variable)." };
        var baseUrl = new Option<string?>("--base-url") { Description = "API root (default https://ws.audioscrobbler.com/2.0/; the fake Last.fm server's URL for the demo)." };
        var rps = new Option<double?>("--rps") { Description = "Requests per second, (0, 50] (default 5)." };
        var spill = SpillOption.Create();
        var listener = ListenerOption();
        var lastfm = new Command("lastfm", "Fetch a Last.fm user's scrobbles (user.getRecentTracks) into the store as listens: every page between the newest stored scrobble " +
            "and the sync's start (pinned, so pages stay put while new scrobbles arrive); a killed run resumes at its next page. Prints fetched, stored, skipped, " +
            "rejected, requests, pages, error-29s answered and seconds; exits 3 when scrobbles were rejected.")
        {
            user, since, full, keyFile, baseUrl, rps, spill, listener,
        };
        lastfm.SetAction(async (parse, ct) =>
        {
            var options = LastFmOptionsReader.Read(parse.GetValue(keyFile), parse.GetValue(baseUrl), parse.GetValue(rps));
            var request = new LastFmSyncRequest(parse.GetValue(user)!, ParseSince(parse.GetValue(since)), parse.GetValue(full), NonBlank(parse.GetValue(listener)));
            var rejects = CliContext.RejectsPath(StoreLocation.Parse(CliContext.DbValue(parse)));
            return await CliContext.RunOnStoreAsync(
                parse, store => LastFmJobs.SyncAsync(context, store, options, request, parse.GetValue(spill), parse.GetValue(CliContext.JsonOption), ct), [rejects], ct).ConfigureAwait(false);
        });
        return lastfm;
    }

    /// <summary>Parses <c>--since</c>: a date (midnight UTC) or an ISO 8601 time (UTC unless it says otherwise).</summary>
    /// <exception cref="FormatException">The value is neither.</exception>
    private static Option<string?> ListenerOption() => new("--listener")
    {
        Description = "Store the plays under this listener (listener:user:NAME) instead of the service's user; sync ListenBrainz and Last.fm under one listener and a play scrobbled to both is stored once (cross-source duplicate, start times < 30 s apart).",
    };

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? ParseSince(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new FormatException($"--since '{value}' is not a date (yyyy-MM-dd) or an ISO 8601 time.");
    }
}
