using System.Globalization;
using System.Text;
using SoundGraph.Cli.Rendering;
using SoundGraph.Services.Taste;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Jobs;

/// <summary><c>sgr taste clock</c>: when a listener listens, a weekday × hour heat map in text (<see cref="TasteClocks"/>).</summary>
public static class TasteClockJob
{
    private const string Levels = "▁▂▃▄▅▆▇█";

    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>Prints the clock of <paramref name="user"/> over <paramref name="weeks"/> weeks: a row per weekday, a
    /// character per hour (· none, ▁ … █ up to the busiest hour of the week grid), and the day's hours.</summary>
    /// <returns>0, or <see cref="CliApp.NeedsChoice"/> when the user is unknown or ambiguous.</returns>
    public static async Task<int> RunAsync(CliContext context, SoundGraphStore store, string user, int weeks, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        if (weeks is < 1 or > 520)
        {
            throw new ArgumentException($"--weeks must be 1–520, got {weeks}.");
        }

        if (await TasteJobs.ResolveUserAsync(context, store, user, json, ct).ConfigureAwait(false) is not { } listener)
        {
            return CliApp.NeedsChoice;
        }

        var clock = await TasteClocks.BuildAsync(store.Taste, listener.Id, weeks, ct).ConfigureAwait(false);
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(new { listener = listener.Name, clock }));
            return 0;
        }

        if (clock.FirstWeek is null)
        {
            w.WriteLine($"{listener.Name} has no counted plays (≥ 30 s or ≥ half the track).");
            return 0;
        }

        w.WriteLine($"When {listener.Name} listens, {clock.FirstWeek} … {clock.LastWeek} in {clock.TimeZone} ({Hours(clock.TotalMinutes)} h counted):");
        w.WriteLine("      0     6     12    18    h");
        var max = clock.Minutes.Max();
        for (var day = 0; day < 7; day++)
        {
            var row = new StringBuilder();
            var total = 0.0;
            for (var hour = 0; hour < 24; hour++)
            {
                var m = clock.Minutes[(24 * day) + hour];
                total += m;
                row.Append(m <= 0 ? '·' : Levels[Math.Max(0, (int)Math.Ceiling(m / max * Levels.Length) - 1)]);
            }

            w.WriteLine($"  {Days[day]} {row}  {Hours(total),6} h");
        }

        w.WriteLine($"Busiest hour: {Days[clock.PeakDay!.Value]} {clock.PeakHour:00}:00–{clock.PeakHour + 1:00}:00 ({Hours(max)} h).");
        return 0;
    }

    private static string Hours(double minutes) => (minutes / 60).ToString("0.0", CultureInfo.InvariantCulture);
}
