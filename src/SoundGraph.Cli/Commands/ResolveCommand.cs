using System.CommandLine;
using System.Globalization;
using SoundGraph.Cli.Parsing;
using SoundGraph.Cli.Rendering;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Sources.MusicBrainz;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr resolve musicbrainz [--limit N] [--base-url URL] [--contact EMAIL]</c>: gives stored tracks a
/// MusicBrainz recording MBID (the work is <see cref="MusicBrainzResolver"/>).</summary>
public static class ResolveCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="context">Consoles.</param>
    /// <returns>The <c>resolve</c> command with its <c>musicbrainz</c> subcommand.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = new Option<int>("--limit") { Description = "Tracks to look up in this run (those without an MBID, in id order); default 1000.", DefaultValueFactory = _ => 1000 };
        var baseUrl = new Option<string?>("--base-url") { Description = "WS/2 base URL (default https://musicbrainz.org/ws/2/; the fake MusicBrainz server's URL for tests and demos)." };
        var contact = new Option<string?>("--contact") { Description = $"Contact (e-mail or URL) sent in the User-Agent, as MusicBrainz requires (default ${MusicBrainzOptions.ContactVariable})." };
        var rps = new Option<double?>("--rps") { Description = "Requests per second, (0, 50] (default 1, musicbrainz.org's limit; raise only against a mirror)." };
        var spill = SpillOption.Create();
        var musicbrainz = new Command("musicbrainz", "Give stored tracks a MusicBrainz recording MBID: by ISRC when the track has one, else by an artist + title search " +
            $"accepted when the top score is ≥ {MusicBrainzResolveOptions.DefaultScoreThreshold} and beats the second by ≥ {MusicBrainzResolveOptions.DefaultScoreMargin}; " +
            "stores the MBID, the credits with join phrases, tags/genres with counts and ISRCs. Resumable: resolved tracks are skipped.")
        {
            limit, baseUrl, contact, rps, spill,
        };
        musicbrainz.SetAction(async (parse, ct) =>
        {
            // Options first: a missing contact is refused before the store is opened or anything is sent.
            var options = new MusicBrainzOptions
            {
                BaseUri = parse.GetValue(baseUrl) is { } url ? new Uri(url.EndsWith('/') ? url : url + "/") : new MusicBrainzOptions().BaseUri,
                Contact = parse.GetValue(contact) ?? Environment.GetEnvironmentVariable(MusicBrainzOptions.ContactVariable),
                RequestsPerSecond = parse.GetValue(rps) ?? 1,
            };
            options.Validate();
            var resolveOptions = new MusicBrainzResolveOptions { Limit = parse.GetValue(limit) };
            resolveOptions.Validate();
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            using var http = new HttpClient();
            using var spillWriter = parse.GetValue(spill) is { } spillPath ? new SpillWriter(spillPath) : null;
            using var client = new MusicBrainzClient(http, options, sink: spillWriter);
            var summary = await new MusicBrainzResolver(store, client).ResolveAsync(resolveOptions, null, ct).ConfigureAwait(false);
            Render(context, summary, parse.GetValue(CliContext.JsonOption));
            return 0;
        });
        return new Command("resolve", "Give stored tracks identifiers from another source.") { musicbrainz };
    }

    private static void Render(CliContext context, MusicBrainzResolveSummary s, bool json)
    {
        var writer = context.Console.Profile.Out.Writer;
        if (json)
        {
            writer.WriteLine(ReportJson.Serialize(new
            {
                looked_up = s.LookedUp,
                matched_by_isrc = s.MatchedByIsrc,
                matched_by_search = s.MatchedBySearch,
                ambiguous = s.Ambiguous,
                not_found = s.NotFound,
                already_resolved = s.AlreadyResolved,
                match_rate = Math.Round(s.MatchRate, 4),
                requests = s.Requests,
                service_unavailable = s.ServiceUnavailable,
                seconds = Math.Round(s.Seconds, 1),
                unresolved = s.Unresolved.Select(u => new { track = u.TrackKey, name = u.Name, reason = u.Reason }),
            }));
            return;
        }

        var rate = (100 * s.MatchRate).ToString("F1", CultureInfo.InvariantCulture);
        writer.WriteLine($"MusicBrainz: matched {Numbers.Count(s.Matched)} of {Numbers.Count(s.LookedUp)} tracks looked up ({rate} %).");
        writer.WriteLine($"  by ISRC {Numbers.Count(s.MatchedByIsrc)}, by search {Numbers.Count(s.MatchedBySearch)}, ambiguous {Numbers.Count(s.Ambiguous)}, " +
            $"not found {Numbers.Count(s.NotFound)}; already resolved before {Numbers.Count(s.AlreadyResolved)}");
        writer.WriteLine($"  {Numbers.Count(s.Requests)} requests, {Numbers.Count(s.ServiceUnavailable)} answered 503 (backed off), {Numbers.Seconds(s.Seconds, 1)} s");
        foreach (var u in s.Unresolved.Take(20))
        {
            writer.WriteLine($"  {u.Name} ({u.TrackKey}): {u.Reason}");
        }
    }
}
