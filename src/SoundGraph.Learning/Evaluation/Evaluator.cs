using System.Diagnostics;
using SoundGraph.Learning.Recommenders;

namespace SoundGraph.Learning.Evaluation;

/// <summary>Mean metrics of one model on one scenario.</summary>
/// <param name="Model">Recommender name.</param>
/// <param name="Scenario">Scenario (holdout, seeds 5, …).</param>
/// <param name="Cases">Test queries scored.</param>
/// <param name="Recall">Mean Recall@K by K.</param>
/// <param name="Precision">Mean Precision@K by K.</param>
/// <param name="Ndcg">Mean NDCG@K by K.</param>
/// <param name="RPrecision">Mean R-precision.</param>
/// <param name="Coverage">Catalogue coverage of the top-K lists at the largest K.</param>
/// <param name="FitSeconds">Training seconds.</param>
/// <param name="ScoreSeconds">Seconds to rank every test query.</param>
public sealed record ModelResult(
    string Model, string Scenario, int Cases, IReadOnlyDictionary<int, double> Recall, IReadOnlyDictionary<int, double> Precision, IReadOnlyDictionary<int, double> Ndcg,
    double RPrecision, double Coverage, double FitSeconds, double ScoreSeconds);

/// <summary>Scores fitted recommenders on test cases.</summary>
public static class Evaluator
{
    /// <summary>Ranks every case (known items excluded) and averages the metrics. Cases run in parallel; each result
    /// lands in its own slot, so the means do not depend on scheduling.</summary>
    /// <param name="model">A fitted recommender.</param>
    /// <param name="scenario">Scenario name for the result.</param>
    /// <param name="cases">Test cases.</param>
    /// <param name="ks">Cut-offs K (each ≥ 1).</param>
    /// <param name="itemCount">Training catalogue size (for coverage).</param>
    /// <param name="fitSeconds">Training time to report.</param>
    public static ModelResult Evaluate(IRecommender model, string scenario, IReadOnlyList<EvalCase> cases, IReadOnlyList<int> ks, int itemCount, double fitSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(ks);
        var maxK = ks.Max();
        var watch = Stopwatch.StartNew();
        var lists = new int[cases.Count][];
        Parallel.For(0, cases.Count, c =>
        {
            var depth = Math.Max(maxK, cases[c].Relevant.Count);
            lists[c] = [.. model.Recommend(cases[c].Query, depth).Select(s => s.Item)];
        });
        var seconds = watch.Elapsed.TotalSeconds;
        double Mean(Func<int[], IReadOnlySet<int>, double> metric) =>
            cases.Count == 0 ? 0 : Enumerable.Range(0, cases.Count).Sum(c => metric(lists[c], cases[c].Relevant)) / cases.Count;
        return new ModelResult(
            model.Name,
            scenario,
            cases.Count,
            ks.ToDictionary(k => k, k => Mean((l, r) => RankingMetrics.Recall(l, r, k))),
            ks.ToDictionary(k => k, k => Mean((l, r) => RankingMetrics.Precision(l, r, k))),
            ks.ToDictionary(k => k, k => Mean((l, r) => RankingMetrics.Ndcg(l, r, k))),
            Mean((l, r) => RankingMetrics.RPrecision(l, r)),
            RankingMetrics.Coverage(lists.Select(l => l.Take(maxK).ToArray()), Math.Max(1, itemCount)),
            fitSeconds,
            seconds);
    }
}

/// <summary>Chooses <see cref="BlendRecommender"/> weights on a validation split.</summary>
public static class BlendTuner
{
    /// <summary>Grid search over weights in {0, 0.1, …, 1} summing to 1 (step 0.1; at most 3 components searched
    /// exhaustively, 66 points for 3) maximizing mean NDCG@<paramref name="k"/> on <paramref name="validation"/>; ties keep
    /// the first grid point. The components must be fitted on the validation training matrix.</summary>
    /// <returns>The best weights and their validation NDCG.</returns>
    /// <exception cref="ArgumentException">Not 1–3 components.</exception>
    public static (double[] Weights, double Ndcg) Tune(IReadOnlyList<IRecommender> components, IReadOnlyList<EvalCase> validation, int itemCount, int k = 20)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(validation);
        if (components.Count is < 1 or > 3)
        {
            throw new ArgumentException("The blend tuner searches 1 to 3 components.", nameof(components));
        }

        // Each component's ranked lists once; every grid point re-blends them.
        const int depth = 300;
        var lists = components.Select(m =>
        {
            var result = new int[validation.Count][];
            Parallel.For(0, validation.Count, c => result[c] = [.. m.Recommend(validation[c].Query, depth).Select(s => s.Item)]);
            return result;
        }).ToArray();
        var grid = Grid(components.Count).ToList();
        var best = (Weights: grid[0], Ndcg: double.NegativeInfinity);
        foreach (var w in grid)
        {
            var total = 0.0;
            for (var c = 0; c < validation.Count; c++)
            {
                var scores = new Dictionary<int, double>();
                for (var m = 0; m < lists.Length; m++)
                {
                    var l = lists[m][c];
                    for (var r = 0; r < l.Length; r++)
                    {
                        scores[l[r]] = scores.GetValueOrDefault(l[r]) + (w[m] * (1 - ((double)r / depth)));
                    }
                }

                var ranked = scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(k).Select(s => s.Key).ToArray();
                total += RankingMetrics.Ndcg(ranked, validation[c].Relevant, k);
            }

            var ndcg = validation.Count == 0 ? 0 : total / validation.Count;
            if (ndcg > best.Ndcg + 1e-12)
            {
                best = (w, ndcg);
            }
        }

        return best;
    }

    private static IEnumerable<double[]> Grid(int n)
    {
        if (n == 1)
        {
            yield return [1.0];
            yield break;
        }

        for (var a = 0; a <= 10; a++)
        {
            if (n == 2)
            {
                yield return [a / 10.0, (10 - a) / 10.0];
                continue;
            }

            for (var b = 0; a + b <= 10; b++)
            {
                yield return [a / 10.0, b / 10.0, (10 - a - b) / 10.0];
            }
        }
    }
}
