using System.Globalization;
using SoundGraph.Services.Taste;
using SoundGraph.Taste.Axes;
using Spectre.Console;

namespace SoundGraph.Cli.Rendering;

/// <summary>Prints a <see cref="ScoreResult"/>: coverage per stage, the tag model's held-out validation, the smoothing's
/// hidden-value recovery, the methods per axis and the tags behind each axis.</summary>
public static class TasteScoreRenderer
{
    /// <summary>Writes the report.</summary>
    public static void Render(IAnsiConsole console, ScoreResult r)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(r);
        var w = console.Profile.Out.Writer;
        w.WriteLine($"Scored {Numbers.Count(r.ListenedTracks)} listened tracks ({Numbers.Count(r.TotalListens)} listens); the tag model learned from " +
            $"{Numbers.Count(r.TrainingItems)} tracks with descriptors and tags ({Numbers.Count(r.Vocabulary)} tags); {Numbers.Count(r.StoredRows)} axis values stored; smoothing graph: {Numbers.Count(r.RelationEdges)} relation, {Numbers.Count(r.SessionEdges)} co-listening and {Numbers.Count(r.CatalogEdges)} same-release/label track pairs.");
        var coverage = new Table().Title("coverage of listens (energy and valence both known)").AddColumn("stage")
            .AddColumn(new TableColumn("listens").RightAligned()).AddColumn(new TableColumn("share").RightAligned()).AddColumn(new TableColumn("tracks").RightAligned());
        foreach (var c in r.Coverage)
        {
            coverage.AddRow(c.Stage, Numbers.Count(c.Listens), Percent(c.Share), Numbers.Count(c.Tracks));
        }

        console.Write(coverage);
        if (r.TagValidation.Count > 0)
        {
            var table = new Table().Title("tag model on held-out tracks (Spearman ρ, 95 % bootstrap CI; MAE vs the global mean)").AddColumn("axis")
                .AddColumn(new TableColumn("test").RightAligned()).AddColumn(new TableColumn("ρ [[95 % CI]]").RightAligned())
                .AddColumn(new TableColumn("MAE model").RightAligned()).AddColumn(new TableColumn("MAE mean").RightAligned()).AddColumn(new TableColumn("λ").RightAligned());
            foreach (var v in r.TagValidation)
            {
                table.AddRow(v.Axis.ToString().ToLowerInvariant(), Numbers.Count(v.PredictedCount), Markup.Escape(Rho(v.Model)), F(v.ModelMae), F(v.BaselineMae), v.Lambda.ToString("0.###", CultureInfo.InvariantCulture));
            }

            console.Write(table);
        }

        if (r.SmoothingValidation.Count > 0)
        {
            var table = new Table().Title("smoothing: hidden 20 % of the directly known values (Spearman ρ, 95 % CI)").AddColumn("axis")
                .AddColumn(new TableColumn("hidden").RightAligned()).AddColumn(new TableColumn("recovered").RightAligned())
                .AddColumn(new TableColumn("ρ all").RightAligned()).AddColumn(new TableColumn("ρ graph").RightAligned()).AddColumn(new TableColumn("ρ artist").RightAligned())
                .AddColumn(new TableColumn("MAE").RightAligned()).AddColumn(new TableColumn("MAE mean").RightAligned());
            foreach (var (axis, v) in r.SmoothingValidation)
            {
                table.AddRow(axis, Numbers.Count(v.HiddenCount), Numbers.Count(v.CoveredCount), Markup.Escape(Rho(v.All)), Markup.Escape(Rho(v.Graph)), Markup.Escape(Rho(v.Artist)), F(v.ModelMae), F(v.BaselineMae));
            }

            console.Write(table);
        }

        var methods = new Table().Title("listened tracks per axis and method").AddColumn("axis");
        var names = r.MethodCounts.Values.SelectMany(m => m.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var m in names)
        {
            methods.AddColumn(new TableColumn(m).RightAligned());
        }

        foreach (var (axis, counts) in r.MethodCounts.Where(p => p.Value.Count > 0))
        {
            methods.AddRow([axis, .. names.Select(m => Numbers.Count(counts.GetValueOrDefault(m)))]);
        }

        console.Write(methods);
        foreach (var t in r.TopTags)
        {
            w.WriteLine($"{t.Axis.ToString().ToLowerInvariant()}: raised by {string.Join(", ", t.Raising.Select(e => e.Tag))}; lowered by {string.Join(", ", t.Lowering.Select(e => e.Tag))}");
        }
    }

    private static string Rho(SpearmanEstimate e) => e.Count < 3 || double.IsNaN(e.Rho)
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{e.Rho:0.00} [{e.Low:0.00}, {e.High:0.00}] n={e.Count}");

    private static string F(double v) => double.IsNaN(v) ? "–" : v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Percent(double share) => share.ToString("0.0 %", CultureInfo.InvariantCulture);
}
