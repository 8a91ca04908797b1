using System.Globalization;
using System.Text;
using SoundGraph.Cli.Rendering;
using SoundGraph.Services.Taste;
using SoundGraph.Storage;
using SoundGraph.Taste;
using Spectre.Console;

namespace SoundGraph.Cli.Jobs;

/// <summary>The <c>sgr taste</c> subcommands' rendering over SoundGraph.Services' taste services.</summary>
public static class TasteJobs
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    /// <summary><c>sgr taste score</c>: scores every listened track and prints coverage and validation.</summary>
    public static async Task<int> ScoreAsync(CliContext context, SoundGraphStore store, int seed, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var progress = new Progress<string>(m => context.Error.WriteLine(m));
        var result = await TasteScoring.RunAsync(store, seed, progress, ct).ConfigureAwait(false);
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(result));
            return 0;
        }

        TasteScoreRenderer.Render(context.Console, result);
        return 0;
    }

    /// <summary><c>sgr taste aggregate</c>: aggregates one listener or all.</summary>
    public static async Task<int> AggregateAsync(CliContext context, SoundGraphStore store, string? user, string? zone, bool force, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        IReadOnlyList<(long Id, string Name)> users;
        if (user is null)
        {
            users = await store.Taste.ListenersAsync(ct).ConfigureAwait(false);
        }
        else if (await ResolveUserAsync(context, store, user, json, ct).ConfigureAwait(false) is { } one)
        {
            users = [one];
        }
        else
        {
            return CliApp.NeedsChoice;
        }

        var results = new List<(string Name, AggregationResult Result)>();
        foreach (var (id, name) in users)
        {
            results.Add((name, await TasteAggregation.RunAsync(store, id, zone, force, ct).ConfigureAwait(false)));
        }

        if (json)
        {
            context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(results.Select(r => new { listener = r.Name, r.Result })));
            return 0;
        }

        var table = new Table().Title("taste aggregate").AddColumn("listener").AddColumn(new TableColumn("weeks").RightAligned())
            .AddColumn(new TableColumn("counted plays").RightAligned()).AddColumn(new TableColumn("coverage").RightAligned())
            .AddColumn(new TableColumn("change points").RightAligned()).AddColumn("state");
        foreach (var (name, r) in results)
        {
            table.AddRow(Markup.Escape(name), Numbers.Count(r.Weeks), Numbers.Count(r.CountedPlays), Percent(r.Coverage), Numbers.Count(r.ChangePoints), r.Recomputed ? "recomputed" : "up to date");
        }

        context.Console.Write(table);
        if (results.Count == 0)
        {
            context.Console.Profile.Out.Writer.WriteLine("No listener has listens: import a history first (sgr import spotify-export|listens-tsv, sgr sync listenbrainz|lastfm).");
        }

        return 0;
    }

    /// <summary><c>sgr taste report</c>.</summary>
    public static async Task<int> ReportAsync(CliContext context, SoundGraphStore store, string user, int weeks, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await ResolveUserAsync(context, store, user, json, ct).ConfigureAwait(false) is not { } listener)
        {
            return CliApp.NeedsChoice;
        }

        var report = await TasteReports.BuildAsync(store, listener.Id, weeks, ct: ct).ConfigureAwait(false) ?? throw NotAggregated(listener.Name);
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(new { listener = listener.Name, report }));
            return 0;
        }

        w.WriteLine($"Taste of {listener.Name} (user:{listener.Id}), weeks in {report.TimeZone}: {report.FirstWeek} … {report.LastWeek}; the last {report.Weeks.Count} weeks:");
        w.WriteLine($"  {Numbers.Count(report.CountedPlays)} counted plays, {Numbers.Count((long)Math.Round(report.Minutes / 60))} h; coverage {Percent(report.Coverage)} (plays with energy and valence); " +
            $"diversity {Fixed(report.Diversity)} (energy × valence); {TagBits(report.TagDiversity, report.TaggedShare)}; momentum index {Fixed(report.MomentumIndex)}");
        var table = new Table().AddColumn("axis").AddColumn("unit").AddColumn($"{report.Weeks[0]} … {report.Weeks[^1]}")
            .AddColumn(new TableColumn("last").RightAligned()).AddColumn(new TableColumn("EMA").RightAligned()).AddColumn(new TableColumn("momentum").RightAligned());
        foreach (var a in report.Axes)
        {
            var last = a.Centroids.LastOrDefault(c => c is not null);
            table.AddRow(a.Axis, a.Unit, Sparkline(a.Centroids), Fixed(last, a.Unit), Fixed(a.Ema, a.Unit), Signed(a.Momentum, a.Unit));
        }

        context.Console.Write(table);
        w.WriteLine(report.Changes.Count == 0 ? "No change points." : $"Change points ({report.Changes.Count}, newest first):");
        foreach (var c in report.Changes.Take(10))
        {
            w.WriteLine($"  {c.Week}  {c.Axis} {c.Direction} by {Math.Abs(c.Size).ToString(c.Axis == "tempo" ? "0.0" : "0.000", CultureInfo.InvariantCulture)} (from {c.StartWeek})");
        }

        if (report.Outliers.Count > 0)
        {
            w.WriteLine($"Outliers of the last {TasteReports.OutlierDays} days (farthest from their centre):");
            foreach (var o in report.Outliers)
            {
                w.WriteLine($"  {o.Name} — {o.Axis} {Fixed(o.Value, o.Axis == "tempo" ? "BPM" : "0–1")} vs {Fixed(o.Centre, o.Axis == "tempo" ? "BPM" : "0–1")} (z {o.Z.ToString("+0.0;-0.0", CultureInfo.InvariantCulture)}, distance {o.Distance.ToString("0.00", CultureInfo.InvariantCulture)})");
            }
        }

        return 0;
    }

    /// <summary><c>sgr taste weeks</c>.</summary>
    public static async Task<int> WeeksAsync(CliContext context, SoundGraphStore store, string user, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await ResolveUserAsync(context, store, user, json, ct).ConfigureAwait(false) is not { } listener)
        {
            return CliApp.NeedsChoice;
        }

        var totals = await store.Taste.TotalsAsync(listener.Id, ct).ConfigureAwait(false);
        if (totals.Count == 0)
        {
            throw NotAggregated(listener.Name);
        }

        var weeks = (await store.Taste.WeeksAsync(listener.Id, ct).ConfigureAwait(false)).ToLookup(r => r.Week);
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(new
            {
                listener = listener.Name,
                weeks = totals.Select(t => new { t.Week, t.Plays, t.Minutes, t.Coverage, t.Diversity, t.TagDiversity, t.TaggedShare, t.MomentumIndex, axes = weeks[t.Week].ToDictionary(r => r.Axis, r => new { r.Mean, r.Variance, r.Plays, r.Minutes, r.Ema, r.Momentum }) }),
            }));
            return 0;
        }

        var table = new Table().AddColumn("week").AddColumn(new TableColumn("plays").RightAligned()).AddColumn(new TableColumn("coverage").RightAligned())
            .AddColumn(new TableColumn("energy").RightAligned()).AddColumn(new TableColumn("valence").RightAligned()).AddColumn(new TableColumn("danceability").RightAligned())
            .AddColumn(new TableColumn("tempo").RightAligned()).AddColumn(new TableColumn("diversity").RightAligned()).AddColumn(new TableColumn("tags (bits)").RightAligned()).AddColumn(new TableColumn("momentum").RightAligned());
        foreach (var t in totals)
        {
            var axes = weeks[t.Week].ToDictionary(r => r.Axis, r => r.Mean);
            table.AddRow(t.Week, Numbers.Count(t.Plays), Percent(t.Coverage), Fixed(Get(axes, "energy")), Fixed(Get(axes, "valence")), Fixed(Get(axes, "danceability")),
                Fixed(Get(axes, "tempo"), "BPM"), Fixed(t.Diversity), t.TagDiversity is { } bits ? bits.ToString("0.00", CultureInfo.InvariantCulture) : "–", Fixed(t.MomentumIndex));
        }

        context.Console.Write(table);
        return 0;
    }

    /// <summary><c>sgr taste changes</c>.</summary>
    public static async Task<int> ChangesAsync(CliContext context, SoundGraphStore store, string user, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await ResolveUserAsync(context, store, user, json, ct).ConfigureAwait(false) is not { } listener)
        {
            return CliApp.NeedsChoice;
        }

        if (await store.Taste.StateAsync(listener.Id, ct).ConfigureAwait(false) is null)
        {
            throw NotAggregated(listener.Name);
        }

        var changes = await store.Taste.ChangesAsync(listener.Id, ct).ConfigureAwait(false);
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(new { listener = listener.Name, changes }));
            return 0;
        }

        w.WriteLine(changes.Count == 0 ? $"No change points for {listener.Name}." : $"{changes.Count} change point{(changes.Count == 1 ? string.Empty : "s")} for {listener.Name} (two-sided self-starting CUSUM, k = 0.5, h = 4 in sd of the weeks before):");
        foreach (var c in changes)
        {
            w.WriteLine($"  {c.Week}  {c.Axis,-20} {c.Direction,-4} by {Math.Abs(c.Size).ToString(c.Axis == "tempo" ? "0.0" : "0.000", CultureInfo.InvariantCulture)}  (new level from {c.StartWeek})");
        }

        return 0;
    }

    /// <summary><c>sgr taste axes &lt;track&gt;</c>.</summary>
    public static async Task<int> AxesAsync(CliContext context, SoundGraphStore store, string query, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var resolution = await store.Resolver.ResolveAsync(query, "track", ct).ConfigureAwait(false);
        if (resolution.Match is not { } track)
        {
            UnveilRenderer.RenderUnresolved(context.Console, query, resolution, json);
            return CliApp.NeedsChoice;
        }

        var axes = await store.Taste.TrackAxesAsync([track.Id], ct).ConfigureAwait(false);
        var w = context.Console.Profile.Out.Writer;
        if (json)
        {
            w.WriteLine(ReportJson.Serialize(new { track = new { id = track.Id, name = track.Name }, axes }));
            return 0;
        }

        if (axes.Count == 0)
        {
            w.WriteLine($"{track.Name} (track:{track.Id}) has no mood axes: run `sgr taste score` (a track gets them from Spotify descriptors, your file, tags or its neighbours).");
            return 0;
        }

        w.WriteLine($"{track.Name} (track:{track.Id})");
        foreach (var a in axes.OrderBy(a => MoodAxes.FromCode(a.Axis)))
        {
            var unit = a.Axis == "tempo" ? "BPM" : "0–1";
            w.WriteLine($"  {a.Axis,-20} {Fixed(a.Value, unit),6} {unit,-4} from {a.Method} (confidence {a.Confidence.ToString("0.00", CultureInfo.InvariantCulture)})");
        }

        return 0;
    }

    /// <summary>The demo's taste trajectory: the most active HetRec tagger's months on energy, valence and danceability,
    /// from tagging activity (not plays).</summary>
    public static async Task TaggingTrajectoryAsync(CliContext context, SoundGraphStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await TaggingTrajectory.BuildAsync(store, ct: ct).ConfigureAwait(false);
        var w = context.Console.Profile.Out.Writer;
        if (result is null)
        {
            w.WriteLine("No dated tag assignments in the store: no tagging trajectory to show.");
            return;
        }

        var active = result.Months.Where(m => m.Assignments > 0).ToList();
        w.WriteLine($"Taste trajectory of {result.UserName} (user:{result.UserId}) from TAGGING ACTIVITY, not plays: the artists they tagged each month " +
            $"({Numbers.Count(active.Sum(m => m.Assignments))} tag assignments over {active.Count} months, {result.Months[0].Month} … {result.Months[^1].Month}), " +
            $"placed on the mood axes ({Numbers.Count(result.ArtistsFromTracks)} artists by their tracks' Spotify features, {Numbers.Count(result.ArtistsFromTags)} by the tag model).");
        foreach (var (name, values) in new (string, IReadOnlyList<double?>)[]
        {
            ("energy", [.. result.Months.Select(m => m.Energy)]),
            ("valence", [.. result.Months.Select(m => m.Valence)]),
            ("danceability", [.. result.Months.Select(m => m.Danceability)]),
        })
        {
            var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
            w.WriteLine($"  {name,-12} {Sparkline(values)}  {(known.Count == 0 ? "–" : $"{known.Min().ToString("0.00", CultureInfo.InvariantCulture)}–{known.Max().ToString("0.00", CultureInfo.InvariantCulture)}")}");
        }

        var table = new Table().Title("the last 6 months with tagging").AddColumn("month").AddColumn(new TableColumn("assignments").RightAligned())
            .AddColumn(new TableColumn("artists").RightAligned()).AddColumn(new TableColumn("energy").RightAligned())
            .AddColumn(new TableColumn("valence").RightAligned()).AddColumn(new TableColumn("danceability").RightAligned());
        foreach (var m in active.TakeLast(6))
        {
            table.AddRow(m.Month, Numbers.Count(m.Assignments), Numbers.Count(m.Artists), Fixed(m.Energy), Fixed(m.Valence), Fixed(m.Danceability));
        }

        context.Console.Write(table);
    }

    /// <summary>One character per value, ▁ (the window's lowest) to █ (highest); a space where a week has none.</summary>
    internal static string Sparkline(IReadOnlyList<double?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        if (known.Count == 0)
        {
            return string.Empty;
        }

        double lo = known.Min(), hi = known.Max();
        var s = new StringBuilder(values.Count);
        foreach (var v in values)
        {
            s.Append(v is not { } x ? ' ' : hi > lo ? Bars[(int)Math.Round((x - lo) / (hi - lo) * (Bars.Length - 1))] : Bars[Bars.Length / 2]);
        }

        return s.ToString();
    }

    /// <summary>The listener <paramref name="query"/> names (<see cref="ListenerResolver"/>: a shared name means the user
    /// with listens); null after printing the candidates when it names none or several.</summary>
    internal static async Task<(long Id, string Name)?> ResolveUserAsync(CliContext context, SoundGraphStore store, string query, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var resolved = await ListenerResolver.ResolveAsync(store.Resolver, store.Taste, query, ct).ConfigureAwait(false);
        if (resolved.Listener is { } user)
        {
            return (user.Id, user.Name);
        }

        UnveilRenderer.RenderUnresolved(context.Console, query, resolved.Resolution, json);
        return null;
    }

    private static InvalidOperationException NotAggregated(string name) =>
        new($"{name} has no weekly aggregates yet: run `sgr taste score` (once, or after new features or tags) and then `sgr taste aggregate --user {name}`.");

    private static double? Get(Dictionary<string, double> axes, string axis) => axes.TryGetValue(axis, out var v) ? v : null;

    private static string TagBits(double? bits, double taggedShare) =>
        bits is not { } b ? "no tagged plays" : string.Create(CultureInfo.InvariantCulture, $"tags {b:0.00} bits (≈ {Math.Pow(2, b):0.0} tags; {Percent(taggedShare)} of minutes tagged)");

    private static string Percent(double share) => share.ToString("0.0 %", CultureInfo.InvariantCulture);

    private static string Fixed(double? v, string unit = "0–1") => v is not { } x ? "–" : x.ToString(unit == "BPM" ? "0.0" : "0.000", CultureInfo.InvariantCulture);

    private static string Signed(double? v, string unit) => v is not { } x ? "–" : x.ToString(unit == "BPM" ? "+0.0;-0.0;0.0" : "+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
}
