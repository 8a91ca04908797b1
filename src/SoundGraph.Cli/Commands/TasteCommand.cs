using System.CommandLine;
using SoundGraph.Cli.Jobs;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr taste score|aggregate|report|weeks|changes|clock|axes|label</c>: taste analytics (issue 16). The work is in
/// SoundGraph.Services (<c>Taste/</c>); this is the shell.</summary>
public static class TasteCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="context">Consoles.</param>
    /// <returns>The <c>taste</c> command and its subcommands.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("taste", "How a listener's taste moves: mood axes per track, weekly trends, momentum, change points, outliers.")
        {
            Score(context), Aggregate(context), Report(context), Weeks(context), Changes(context), Clock(context), Axes(context), TasteLabelCommand.Create(context, UserOption(required: true)),
        };
    }

    private static Option<string?> UserOption(bool required) => new("--user")
    {
        Description = "The listener: name (s001), key (spotify-export-tsv:user:s001) or id (user:12).",
        Required = required,
    };

    private static Command Score(CliContext context)
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the held-out split and the bootstrap (default 16).", DefaultValueFactory = _ => 16 };
        var command = new Command(
            "score",
            "Place every listened track on the mood axes (Spotify descriptors, your files' features, the learned tag model, then label propagation " +
            "over co-playlist and audio-similarity relations with per-artist pooling), store them, and report coverage and the held-out validation.")
        {
            seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await TasteJobs.ScoreAsync(context, store, parse.GetValue(seed), parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Aggregate(CliContext context)
    {
        var user = UserOption(required: false);
        var zone = new Option<string?>("--time-zone") { Description = "IANA time zone the weeks are cut in, e.g. Europe/Berlin (default: the stored one, else UTC)." };
        var force = new Option<bool>("--force") { Description = "Recompute even when nothing changed." };
        var command = new Command("aggregate", "Aggregate listens week by week (every listener, or --user) over the stored track axes: centroids, momentum, change points.")
        {
            user, zone, force,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await TasteJobs.AggregateAsync(context, store, parse.GetValue(user), parse.GetValue(zone), parse.GetValue(force), parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Report(CliContext context)
    {
        var user = UserOption(required: true);
        var weeks = new Option<int>("--weeks") { Description = "Weeks in the window, 1–520 (default 12).", DefaultValueFactory = _ => 12 };
        var command = new Command("report", "A listener's taste overview: KPIs, a sparkline per axis, change points and the top outliers.") { user, weeks };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await TasteJobs.ReportAsync(context, store, parse.GetValue(user)!, parse.GetValue(weeks), parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Weeks(CliContext context)
    {
        var user = UserOption(required: true);
        var command = new Command("weeks", "Every stored week of a listener: totals and each axis's centroid, variance, EMA and momentum.") { user };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await TasteJobs.WeeksAsync(context, store, parse.GetValue(user)!, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Changes(CliContext context)
    {
        var user = UserOption(required: true);
        var command = new Command("changes", "A listener's change points per axis (two-sided CUSUM): week, start, direction and size.") { user };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await TasteJobs.ChangesAsync(context, store, parse.GetValue(user)!, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Clock(CliContext context)
    {
        var user = UserOption(required: true);
        var weeks = new Option<int>("--weeks") { Description = "Weeks up to the last counted play, 1–520 (default 12).", DefaultValueFactory = _ => 12 };
        var command = new Command("clock", "When a listener listens: counted minutes by weekday and hour in their time zone (a text heat map).") { user, weeks };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await TasteClockJob.RunAsync(context, store, parse.GetValue(user)!, parse.GetValue(weeks), parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Axes(CliContext context)
    {
        var track = new Argument<string>("track") { Description = "A track: id (track:12, 12), key or name (\"Artist - Title\")." };
        var command = new Command("axes", "A track's mood axes with the method and confidence of each.") { track };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await TasteJobs.AxesAsync(context, store, parse.GetValue(track)!, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }
}
