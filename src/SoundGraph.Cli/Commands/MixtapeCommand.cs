using System.CommandLine;
using System.Globalization;
using SoundGraph.Cli.Jobs;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Services.Taste;
using SoundGraph.Taste.Mixtape;
using SoundGraph.Taste.Time;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr mixtape --user U --week 2021-W07 [--minutes 75] [--out mix.jspf|.xspf|.m3u8] [--listenbrainz]</c>: a
/// 60–90 minute mix of a listener's week (issue 16), optionally created as a ListenBrainz playlist. The work is
/// SoundGraph.Services' <see cref="MixtapeService"/> and <see cref="MixtapePublisher"/>; this is the shell.</summary>
public static class MixtapeCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="context">Consoles.</param>
    /// <returns>The <c>mixtape</c> command.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = new Option<string>("--user") { Description = "The listener: name (s001), key (spotify-export-tsv:user:s001) or id (user:12).", Required = true };
        var week = new Option<string?>("--week") { Description = "ISO week, e.g. 2021-W07 (or give --from and --to)." };
        var from = new Option<string?>("--from") { Description = "First day of a date range, YYYY-MM-DD (with --to, instead of --week)." };
        var to = new Option<string?>("--to") { Description = "Last day of the range, YYYY-MM-DD, included." };
        var minutes = new Option<double>("--minutes") { Description = "Length to reach, 60–90 minutes (default 75); never over 90.", DefaultValueFactory = _ => 75 };
        var lambda = new Option<double>("--lambda") { Description = "MMR trade-off, 0–1: 1 = closest to the week's centre only, 0 = most varied (default 0.6).", DefaultValueFactory = _ => new MixtapeOptions().Lambda };
        var zone = new Option<string?>("--time-zone") { Description = "IANA time zone the days are cut in (default: the listener's stored one, else UTC)." };
        var output = new Option<string?>("--out") { Description = "Write the playlist to this file; the extension picks the format: .jspf (ListenBrainz), .xspf or .m3u8." };
        var listenBrainz = new Option<bool>("--listenbrainz") { Description = "Also create the mix as a private playlist on ListenBrainz (needs the user token; tracks without a MusicBrainz recording id are left out)." };
        var baseUrl = new Option<string?>("--base-url") { Description = "ListenBrainz API base URL for --listenbrainz (default https://api.listenbrainz.org/; the fake server's URL for the demo)." };
        var tokenFile = new Option<string?>("--token-file") { Description = "A file holding the ListenBrainz user token for --listenbrainz (default: the LISTENBRAINZ_TOKEN environment variable)." };
        var command = new Command(
            "mixtape",
            "A 60–90 minute mix of a listener's week: the dominant cluster of what they played, tracks chosen by maximal marginal relevance " +
            "(at most two per artist), ordered for flow by Camelot key and tempo, each pick explained.")
        {
            user, week, from, to, minutes, lambda, zone, output, listenBrainz, baseUrl, tokenFile,
        };
        command.SetAction(async (parse, ct) =>
        {
            var period = Period(parse.GetValue(week), parse.GetValue(from), parse.GetValue(to));
            var options = new MixtapeOptions { TargetMinutes = parse.GetValue(minutes), Lambda = parse.GetValue(lambda) };
            Check(options);
            var format = parse.GetValue(output) is { } path ? MixtapeJob.FormatOf(path) : (PlaylistFormat?)null;
            var lb = parse.GetValue(listenBrainz) ? ListenBrainz(parse.GetValue(baseUrl), parse.GetValue(tokenFile)) : null;
            if (lb is null && (parse.GetValue(baseUrl) is not null || parse.GetValue(tokenFile) is not null))
            {
                throw new ArgumentException("--base-url and --token-file go with --listenbrainz.");
            }

            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await MixtapeJob.RunAsync(context, store, parse.GetValue(user)!, period, options, parse.GetValue(zone), parse.GetValue(output), format, lb, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The period from <c>--week</c> or <c>--from</c>/<c>--to</c>.</summary>
    /// <exception cref="ArgumentException">Neither or both forms, half a range, or a malformed date.</exception>
    /// <exception cref="FormatException">A malformed week.</exception>
    internal static MixtapePeriod Period(string? week, string? from, string? to)
    {
        if (week is not null)
        {
            return from is null && to is null
                ? MixtapePeriod.Week(IsoWeek.Parse(week))
                : throw new ArgumentException("Give either --week or --from and --to, not both.");
        }

        if (from is null || to is null)
        {
            throw new ArgumentException("Give the period: --week 2021-W07, or --from 2021-02-01 --to 2021-02-14.");
        }

        var first = Day(from, "--from");
        var last = Day(to, "--to");
        return last < first ? throw new ArgumentException($"--to {to} is before --from {from}.") : MixtapePeriod.Range(first, last);
    }

    /// <summary>The ListenBrainz options of <c>--listenbrainz</c>, validated before any store is opened.</summary>
    /// <exception cref="InvalidOperationException">No token in <c>--token-file</c> or LISTENBRAINZ_TOKEN.</exception>
    /// <exception cref="ArgumentException">A bad <c>--base-url</c>.</exception>
    private static ListenBrainzOptions ListenBrainz(string? baseUrl, string? tokenFile)
    {
        var options = new ListenBrainzOptions
        {
            ApiBaseUri = baseUrl is null ? new ListenBrainzOptions().ApiBaseUri
                : Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"--base-url '{baseUrl}' is not an absolute URL."),
            Token = ListenBrainzToken.Read(tokenFile)
                ?? throw new InvalidOperationException($"--listenbrainz needs your ListenBrainz user token: set {ListenBrainzOptions.TokenVariable} or give --token-file."),
        };
        options.Validate();
        return options;
    }

    private static DateOnly Day(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ArgumentException($"{option} '{text}' is not a day such as 2021-02-15 (YYYY-MM-DD).");

    private static void Check(MixtapeOptions options)
    {
        if (options.TargetMinutes is < MixtapeOptions.MinMinutes or > MixtapeOptions.MaxMinutes || double.IsNaN(options.TargetMinutes))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--minutes must be between 60 and 90 (got {options.TargetMinutes})."));
        }

        if (options.Lambda is < 0 or > 1 || double.IsNaN(options.Lambda))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--lambda must be between 0 and 1 (got {options.Lambda})."));
        }
    }
}
