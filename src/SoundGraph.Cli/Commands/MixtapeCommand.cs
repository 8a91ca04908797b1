using System.CommandLine;
using System.Globalization;
using SoundGraph.Cli.Jobs;
using SoundGraph.Services.Taste;
using SoundGraph.Taste.Mixtape;
using SoundGraph.Taste.Time;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr mixtape --user U --week 2021-W07 [--minutes 75] [--out mix.jspf|.xspf|.m3u8]</c>: a 60–90 minute mix
/// of a listener's week (issue 16). The work is SoundGraph.Services' <see cref="MixtapeService"/>; this is the shell.</summary>
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
        var command = new Command(
            "mixtape",
            "A 60–90 minute mix of a listener's week: the dominant cluster of what they played, tracks chosen by maximal marginal relevance " +
            "(at most two per artist), ordered for flow by Camelot key and tempo, each pick explained.")
        {
            user, week, from, to, minutes, lambda, zone, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var period = Period(parse.GetValue(week), parse.GetValue(from), parse.GetValue(to));
            var options = new MixtapeOptions { TargetMinutes = parse.GetValue(minutes), Lambda = parse.GetValue(lambda) };
            Check(options);
            var format = parse.GetValue(output) is { } path ? MixtapeJob.FormatOf(path) : (PlaylistFormat?)null;
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await MixtapeJob.RunAsync(context, store, parse.GetValue(user)!, period, options, parse.GetValue(zone), parse.GetValue(output), format, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
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
