using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Services.Taste;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Jobs;

/// <summary><c>sgr taste label</c> over SoundGraph.Services' <see cref="TasteLabels"/>: add, list or remove a listener's
/// labels and print the axis's calibration.</summary>
public static class TasteLabelJob
{
    /// <summary>What the command line asked for.</summary>
    /// <param name="User">The listener (name, key or user:ID).</param>
    /// <param name="Track">The track query; null with <see cref="List"/>.</param>
    /// <param name="Axis">The axis code; required to add, optional to list or remove.</param>
    /// <param name="Value">The value to store; only to add.</param>
    /// <param name="List">List instead of adding.</param>
    /// <param name="Remove">Remove instead of adding.</param>
    public sealed record Request(string User, string? Track, string? Axis, double? Value, bool List, bool Remove)
    {
        /// <summary>Checks that the options form one of the three uses.</summary>
        /// <exception cref="ArgumentException">A combination the command does not take; the message says which.</exception>
        public void Validate()
        {
            if (List && Remove)
            {
                throw new ArgumentException("Give --list or --remove, not both.");
            }

            if (List)
            {
                if (Track is not null || Value is not null)
                {
                    throw new ArgumentException("--list takes no track and no --value (only --user and optionally --axis).");
                }

                return;
            }

            if (string.IsNullOrWhiteSpace(Track))
            {
                throw new ArgumentException(Remove ? "Which track? sgr taste label --user U <track> --remove [--axis A]." : "Which track? sgr taste label --user U <track> --axis A --value V.");
            }

            if (Remove)
            {
                if (Value is not null)
                {
                    throw new ArgumentException("--remove takes no --value.");
                }

                return;
            }

            if (Axis is null || Value is null)
            {
                throw new ArgumentException("A label needs --axis and --value (e.g. --axis energy --value 0.8), or use --list or --remove.");
            }
        }
    }

    /// <summary>Runs <paramref name="request"/> on <paramref name="store"/>.</summary>
    /// <returns>0, or <see cref="CliApp.NeedsChoice"/> when the user or track is ambiguous or unknown (the candidates
    /// are printed).</returns>
    /// <exception cref="LabelRejectedException">Unknown axis or a value out of range.</exception>
    public static async Task<int> RunAsync(CliContext context, SoundGraphStore store, Request request, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Axis is not null)
        {
            _ = TasteLabels.ParseAxis(request.Axis);
        }

        if (await TasteJobs.ResolveUserAsync(context, store, request.User, json, ct).ConfigureAwait(false) is not { } listener)
        {
            return CliApp.NeedsChoice;
        }

        if (request.List)
        {
            return await ListAsync(context, store, listener, request.Axis, json, ct).ConfigureAwait(false);
        }

        var resolution = await store.Resolver.ResolveAsync(request.Track!, "track", ct).ConfigureAwait(false);
        if (resolution.Match is not { } track)
        {
            UnveilRenderer.RenderUnresolved(context.Console, request.Track!, resolution, json);
            return CliApp.NeedsChoice;
        }

        var w = context.Console.Profile.Out.Writer;
        if (request.Remove)
        {
            var removed = await TasteLabels.RemoveAsync(store.Taste, listener.Id, track.Id, request.Axis, ct).ConfigureAwait(false);
            if (json)
            {
                w.WriteLine(ReportJson.Serialize(new { listener = listener.Name, track = new { id = track.Id, name = track.Name }, axis = request.Axis, removed }));
                return 0;
            }

            var what = request.Axis is null ? "label" : request.Axis + " label";
            w.WriteLine(removed == 0
                ? $"{listener.Name} has no {what} of {track.Name} (track:{track.Id}): nothing removed."
                : $"Removed {removed} {what}{(removed == 1 ? string.Empty : "s")} of {track.Name} (track:{track.Id}) for {listener.Name}. Run `sgr taste aggregate --user {listener.Name}` to use it.");
            return 0;
        }

        var outcome = await TasteLabels.AddAsync(store.Taste, store.Resolver, listener.Id, track.Id, request.Axis!, request.Value!.Value, ct: ct).ConfigureAwait(false);
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(new { listener = listener.Name, track = new { id = track.Id, name = track.Name }, outcome }));
            return 0;
        }

        var c = outcome.Calibration;
        w.WriteLine($"Labelled {track.Name} (track:{track.Id}) {outcome.Label.Axis} = {Value(outcome.Label.Value, c.Unit)} for {listener.Name} ({(outcome.Created ? "new" : "replaced the earlier label")}).");
        w.WriteLine($"{c.Axis}: {c.Note}. Run `sgr taste aggregate --user {listener.Name}` to use it.");
        return 0;
    }

    private static async Task<int> ListAsync(CliContext context, SoundGraphStore store, (long Id, string Name) listener, string? axis, bool json, CancellationToken ct)
    {
        var labels = await TasteLabels.ListAsync(store.Taste, listener.Id, axis, ct).ConfigureAwait(false);
        var calibrations = await TasteLabels.CalibrationsAsync(store.Taste, listener.Id, ct).ConfigureAwait(false);
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(new { listener = listener.Name, labels, calibrations }));
            return 0;
        }

        if (labels.Count == 0)
        {
            w.WriteLine($"{listener.Name} has no labels{(axis is null ? string.Empty : " on " + axis)}. Add one: sgr taste label --user {listener.Name} <track> --axis energy --value 0.8");
            return 0;
        }

        w.WriteLine($"{labels.Count} label{(labels.Count == 1 ? string.Empty : "s")} of {listener.Name}:");
        foreach (var l in labels)
        {
            w.WriteLine($"  {l.Axis,-20} {Value(l.Value, l.Unit),7}  model {(l.Model is { } m ? Value(m, l.Unit) : "–"),7}  {l.Track} (track:{l.TrackId})  {l.LabelledAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }

        foreach (var c in calibrations.Where(c => axis is null || string.Equals(c.Axis, axis, StringComparison.OrdinalIgnoreCase)))
        {
            w.WriteLine($"{c.Axis}: {c.Note}.");
        }

        return 0;
    }

    private static string Value(double value, string unit) => value.ToString(unit == "BPM" ? "0.0" : "0.000", CultureInfo.InvariantCulture);
}
