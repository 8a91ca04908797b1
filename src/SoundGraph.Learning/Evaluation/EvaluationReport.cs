using System.Globalization;
using System.Text;

namespace SoundGraph.Learning.Evaluation;

/// <summary>Every recommender on the same split: the report written as Markdown and JSON.</summary>
/// <param name="Dataset">Data set and relation (e.g. "HetRec 2011 Last.fm user→artist").</param>
/// <param name="Split">Split description.</param>
/// <param name="Seed">Split seed (and trainers' seed).</param>
/// <param name="Ks">Cut-offs.</param>
/// <param name="Results">One row per model and scenario.</param>
/// <param name="Notes">Hyper-parameters, tuning, anything a reader needs to reproduce the figures.</param>
public sealed record EvaluationReport(string Dataset, string Split, int Seed, IReadOnlyList<int> Ks, IReadOnlyList<ModelResult> Results, IReadOnlyList<string> Notes)
{
    /// <summary>The report as a Markdown section: one table per scenario, then the notes.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.Append(c, $"## Recommender evaluation — {Dataset}\n\nSplit: {Split}; seed {Seed}.\n");
        foreach (var scenario in Results.Select(r => r.Scenario).Distinct())
        {
            var rows = Results.Where(r => r.Scenario == scenario).ToList();
            md.Append(c, $"\n### {scenario} ({rows[0].Cases} test queries)\n\n| model |");
            foreach (var k in Ks)
            {
                md.Append(c, $" Recall@{k} |");
            }

            foreach (var k in Ks)
            {
                md.Append(c, $" Precision@{k} |");
            }

            foreach (var k in Ks)
            {
                md.Append(c, $" NDCG@{k} |");
            }

            md.Append(c, $" R-precision | coverage@{Ks.Max()} | fit s | score s |\n|---|");
            md.Append(string.Concat(Enumerable.Repeat("---:|", (3 * Ks.Count) + 4)));
            md.Append('\n');
            foreach (var r in rows)
            {
                md.Append(c, $"| {r.Model} |");
                foreach (var k in Ks)
                {
                    md.Append(c, $" {r.Recall[k]:0.0000} |");
                }

                foreach (var k in Ks)
                {
                    md.Append(c, $" {r.Precision[k]:0.0000} |");
                }

                foreach (var k in Ks)
                {
                    md.Append(c, $" {r.Ndcg[k]:0.0000} |");
                }

                md.Append(c, $" {r.RPrecision:0.0000} | {r.Coverage:0.0000} | {r.FitSeconds:0.0} | {r.ScoreSeconds:0.0} |\n");
            }
        }

        if (Notes.Count > 0)
        {
            md.Append('\n');
            foreach (var n in Notes)
            {
                md.Append(c, $"- {n}\n");
            }
        }

        return md.ToString();
    }
}
