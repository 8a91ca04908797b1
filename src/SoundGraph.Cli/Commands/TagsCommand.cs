using System.CommandLine;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Parsing;
using SoundGraph.Ingest.Sources.LastFm;
using SoundGraph.Ingest.Sources.ListenBrainz;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr tags lastfm [--tracks|--artists] [--limit N]</c>: Last.fm top tags for stored tracks and artists that have
/// none; <c>sgr tags listenbrainz [--limit N]</c>: MusicBrainz tags of tracks with an MBID, in bulk through ListenBrainz.</summary>
public static class TagsCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="context">Consoles.</param>
    /// <returns>The <c>tags</c> command with its <c>lastfm</c> subcommand.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tracks = new Option<bool>("--tracks") { Description = "Only tracks (default: tracks, then artists)." };
        var artists = new Option<bool>("--artists") { Description = "Only artists." };
        var limit = new Option<int>("--limit") { Description = "At most this many targets of each kind in this run (default 1000).", DefaultValueFactory = _ => 1000 };
        var keyFile = new Option<string?>("--api-key-file") { Description = "A file holding the API key (default: the LASTFM_API_KEY environment variable)." };
        var baseUrl = new Option<string?>("--base-url") { Description = "API root (default https://ws.audioscrobbler.com/2.0/; the fake Last.fm server's URL for the demo)." };
        var rps = new Option<double?>("--rps") { Description = "Requests per second, (0, 50] (default 5)." };
        var lastfm = new Command("lastfm", "Fill Last.fm top tags (track.getTopTags, artist.getTopTags) for stored tracks and artists without tags, most-played first; " +
            "the 0–100 counts are stored as the tags' weights. Resumable: a target fetched (or not found, error 6) is never asked for again.")
        {
            tracks, artists, limit, keyFile, baseUrl, rps,
        };
        lastfm.SetAction(async (parse, ct) =>
        {
            var options = LastFmOptionsReader.Read(parse.GetValue(keyFile), parse.GetValue(baseUrl), parse.GetValue(rps));
            var onlyTracks = parse.GetValue(tracks);
            var onlyArtists = parse.GetValue(artists);
            var request = new LastFmTagFillRequest(onlyTracks || !onlyArtists, onlyArtists || !onlyTracks, parse.GetValue(limit));
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await LastFmJobs.TagsAsync(context, store, options, request, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return new Command("tags", "Fill tags of stored tracks and artists from a web API.") { lastfm, CreateListenBrainz(context) };
    }

    /// <summary><c>sgr tags listenbrainz [--limit N] [--base-url U]</c>.</summary>
    private static Command CreateListenBrainz(CliContext context)
    {
        var limit = new Option<int>("--limit") { Description = "At most this many tracks in this run (default 10000).", DefaultValueFactory = _ => 10_000 };
        var baseUrl = new Option<string?>("--base-url") { Description = "API base URL (default https://api.listenbrainz.org/; the fake ListenBrainz server's URL for the demo)." };
        var spill = SpillOption.Create();
        var command = new Command("listenbrainz", "Fill MusicBrainz tags (with vote counts) for stored tracks that have a recording MBID and no tag, most-listened first, " +
            "from ListenBrainz's bulk metadata endpoint (POST /1/metadata/recording/, 1,000 recordings per request). No token needed.")
        {
            limit, baseUrl, spill,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(limit) is var n and < 0)
            {
                throw new ArgumentException($"--limit must be 0 or more (got {n}).");
            }

            var options = new ListenBrainzOptions
            {
                ApiBaseUri = parse.GetValue(baseUrl) is { } url ? new Uri(url, UriKind.Absolute) : new ListenBrainzOptions().ApiBaseUri,
            };
            options.Validate();
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await ListenBrainzTagsJob.RunAsync(context, store, options, parse.GetValue(limit), parse.GetValue(spill), parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }
}
