using System.CommandLine;
using SoundGraph.Cli.Jobs;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr taste label</c>: a listener's personal labels, which calibrate their axes (issue 16). The work is in
/// SoundGraph.Services (<c>Taste/TasteLabels</c>); <see cref="TasteLabelJob"/> renders it.</summary>
public static class TasteLabelCommand
{
    /// <summary>Builds <c>taste label</c>.</summary>
    /// <param name="context">Consoles.</param>
    /// <param name="user">The <c>--user</c> option (shared with the other taste commands).</param>
    /// <returns>The command: label a track (<c>&lt;track&gt; --axis A --value V</c>), <c>--list</c> the labels or
    /// <c>--remove</c> a track's labels.</returns>
    public static Command Create(CliContext context, Option<string?> user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var track = new Argument<string?>("track")
        {
            Description = "The track: id (track:12, 12), key or name (\"Artist - Title\"). Not with --list.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var axis = new Option<string?>("--axis") { Description = "Axis code: energy, valence, danceability, brightness, tempo, rhythmic_complexity, pumpiness, texture_density, stereo_size, mode_confidence." };
        var value = new Option<double?>("--value") { Description = "Your value: 0–1, or BPM (20–300) for tempo." };
        var list = new Option<bool>("--list") { Description = "List the listener's labels (all axes, or --axis) and how each labelled axis is calibrated." };
        var remove = new Option<bool>("--remove") { Description = "Remove the track's label on --axis (every axis without --axis)." };
        var command = new Command(
            "label",
            "Say where a track sits on an axis for you. With at least 5 labels on an axis that axis is calibrated to your scale (isotonic regression); " +
            "a labelled track takes your value. Run `sgr taste aggregate --user …` afterwards.")
        {
            user, track, axis, value, list, remove,
        };
        command.SetAction(async (parse, ct) =>
        {
            var request = new TasteLabelJob.Request(parse.GetValue(user)!, parse.GetValue(track), parse.GetValue(axis), parse.GetValue(value), parse.GetValue(list), parse.GetValue(remove));
            request.Validate();
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await TasteLabelJob.RunAsync(context, store, request, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }
}
