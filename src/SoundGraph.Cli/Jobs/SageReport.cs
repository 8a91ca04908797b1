using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Learning.Sage;
using Spectre.Console;

namespace SoundGraph.Cli.Jobs;

/// <summary>Console tables for <see cref="SageJobResult"/>.</summary>
public static class SageReport
{
    /// <summary>Epochs (1-based) shown in the training-curve summary: first, 10 %, 25 %, 50 %, 75 %, last.</summary>
    public static IReadOnlyList<int> CurveEpochs(int epochs) =>
        new[] { 1, epochs / 10, epochs / 4, epochs / 2, 3 * epochs / 4, epochs }.Where(e => e >= 1).Distinct().Order().ToArray();

    /// <summary>Writes the graph summary, the training curve and the metrics tables.</summary>
    public static void Render(IAnsiConsole console, SageJobResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        console.MarkupLine($"[bold]song graph[/] {Numbers.Count(result.Tracks)} tracks, {Numbers.Count(result.Edges)} edges; trained on {Numbers.Count(result.TrainEdges)}, {Numbers.Count(result.HeldOutEdges)} held out");
        var curve = new Table().Title("training curve (mean link loss per positive pair)").AddColumn("epoch").AddColumn(new TableColumn("loss").RightAligned());
        foreach (var e in CurveEpochs(result.Losses.Count))
        {
            curve.AddRow(e.ToString(CultureInfo.InvariantCulture), result.Losses[e - 1].ToString("F4", CultureInfo.InvariantCulture));
        }

        console.Write(curve);
        console.MarkupLine($"[grey]training {Numbers.Seconds(result.TrainSeconds, 1)} s for {result.Losses.Count} epochs ({Numbers.Seconds(result.TrainSeconds * 1000 / result.Losses.Count, 1)} ms/epoch); whole job {Numbers.Seconds(result.TotalSeconds, 1)} s[/]");

        var links = new Table().Title("link prediction (AUC vs as many non-edges; Hits@K: rank among 100 sampled non-neighbours)")
            .AddColumn("task").AddColumn("model").AddColumn(new TableColumn("AUC").RightAligned())
            .AddColumn(new TableColumn("Hits@10").RightAligned()).AddColumn(new TableColumn("Hits@50").RightAligned());
        AddTask(links, $"held-out song-graph edges ({Numbers.Count(result.HeldOutEdges)})", result.Figures, f => f.HeldOut);
        AddTask(links, $"same primary artist ({Numbers.Count(Math.Min(result.SameArtistPairs, SageJob.MaxTaskPairs))} of {Numbers.Count(result.SameArtistPairs)} pairs)", result.Figures, f => f.SameArtist);
        AddTask(links, $"same playlist ({Numbers.Count(Math.Min(result.CoPlaylistPairs, SageJob.MaxTaskPairs))} of {Numbers.Count(result.CoPlaylistPairs)} pairs)", result.Figures, f => f.CoPlaylist);
        console.Write(links);

        var coherence = new Table().Title("coherence of the top-10 neighbours (share with the same …)")
            .AddColumn("model").AddColumn(new TableColumn("primary artist").RightAligned()).AddColumn(new TableColumn("record label").RightAligned())
            .AddColumn(new TableColumn($"genre ({Numbers.Count(result.GenreTracks)} tracks)").RightAligned());
        foreach (var f in result.Figures)
        {
            coherence.AddRow(f.Model, P(f.ArtistCoherence), P(f.LabelCoherence), f.GenreCoherence is { } g ? P(g) : "–");
        }

        console.Write(coherence);
        console.MarkupLine($"[grey]genre: {Markup.Escape(result.GenreSource)}[/]");
    }

    private static void AddTask(Table table, string task, IReadOnlyList<SageModelFigures> figures, Func<SageModelFigures, LinkScores?> pick)
    {
        if (figures.All(f => pick(f) is null))
        {
            table.AddRow(Markup.Escape(task), "–", "–", "–", "–");
            return;
        }

        var first = true;
        foreach (var f in figures)
        {
            var s = pick(f)!;
            table.AddRow(first ? Markup.Escape(task) : string.Empty, f.Model, F(s.Auc), F(s.HitsAt10), F(s.HitsAt50));
            first = false;
        }
    }

    private static string F(double x) => x.ToString("F4", CultureInfo.InvariantCulture);

    private static string P(double x) => x.ToString("P1", CultureInfo.InvariantCulture);
}
