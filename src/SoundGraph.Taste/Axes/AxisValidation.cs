namespace SoundGraph.Taste.Axes;

/// <summary>How well the tag model predicts one axis on held-out items, against the global-mean baseline.</summary>
/// <param name="Axis">The axis.</param>
/// <param name="Lambda">The λ the model chose for it on the training part.</param>
/// <param name="TrainCount">Training items the axis was fitted on.</param>
/// <param name="TestCount">Held-out items carrying the axis's target.</param>
/// <param name="PredictedCount">Of those, the ones the model could predict (at least one in-vocabulary tag); every figure
/// below is over these.</param>
/// <param name="Model">Spearman ρ between predictions and targets, with its 95 % percentile bootstrap interval.</param>
/// <param name="BaselineRho">The global-mean baseline's ρ: a constant prediction has no ranking, its ρ is undefined and
/// reported as 0.</param>
/// <param name="ModelMae">Mean absolute error of the model, in the axis's unit.</param>
/// <param name="BaselineMae">Mean absolute error of predicting the training targets' mean.</param>
public sealed record AxisValidationResult(
    MoodAxis Axis,
    double Lambda,
    int TrainCount,
    int TestCount,
    int PredictedCount,
    SpearmanEstimate Model,
    double BaselineRho,
    double ModelMae,
    double BaselineMae);

/// <summary>Hold-out validation of <see cref="TagAxisModel"/>: a seeded share of the items is set aside before anything is
/// learned (vocabulary, idf, λ, weights), the model is trained on the rest, and each axis is scored on the held-out items
/// by Spearman ρ (bootstrap CI) and by mean absolute error against the training mean.</summary>
/// <remarks>No lexicon baseline: a tag → mood lexicon (e.g. valence/arousal norms such as Warriner et al. 2013) would be the
/// natural second baseline, but none is bundled with SoundGraph and none can be fetched here, so none is reported rather
/// than one invented.</remarks>
public static class AxisValidation
{
    /// <summary>Trains on a seeded (1 − <paramref name="holdoutFraction"/>) of the items and scores every trained axis on
    /// the rest.</summary>
    /// <param name="items">Items with tags and targets.</param>
    /// <param name="holdoutFraction">Share held out, in (0, 1); round(fraction · n) items, drawn uniformly. Default 0.2.</param>
    /// <param name="seed">Seed of the split (SplitMix64) and of the bootstrap. Default 0.</param>
    /// <param name="options">Model settings; defaults when null.</param>
    /// <param name="resamples">Bootstrap resamples B. Default 1,000.</param>
    /// <returns>One result per trained axis that has at least one predicted held-out item, in axis order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="holdoutFraction"/> outside (0, 1), or an option or
    /// <paramref name="resamples"/> out of range.</exception>
    public static IReadOnlyList<AxisValidationResult> Validate(
        IReadOnlyList<TaggedItem> items, double holdoutFraction = 0.2, int seed = 0, TagAxisOptions? options = null, int resamples = 1_000)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (holdoutFraction is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "holdoutFraction must be in (0, 1).");
        }

        var order = SplitMix64.Create(seed).Permutation(items.Count);
        var testCount = (int)Math.Round(holdoutFraction * items.Count, MidpointRounding.AwayFromZero);
        var test = order[..testCount].Order().Select(i => items[i]).ToArray();
        var train = order[testCount..].Order().Select(i => items[i]).ToArray();
        var model = TagAxisModel.Train(train, options);
        var results = new List<AxisValidationResult>();
        foreach (var fit in model.Fits)
        {
            var baseline = train.Where(i => i.Targets.TryGetValue(fit.Axis, out var t) && double.IsFinite(t))
                .Average(i => i.Targets[fit.Axis]);
            var withTarget = test.Where(i => i.Targets.TryGetValue(fit.Axis, out var t) && double.IsFinite(t)).ToArray();
            var pairs = withTarget
                .Select(i => (Target: i.Targets[fit.Axis], Predicted: model.Predict(i.Tags, fit.Axis)))
                .Where(p => p.Predicted is not null)
                .Select(p => (p.Target, Predicted: p.Predicted!.Value))
                .ToArray();
            if (pairs.Length == 0)
            {
                continue;
            }

            var rho = RankCorrelation.SpearmanWithInterval(
                pairs.Select(p => p.Predicted).ToArray(), pairs.Select(p => p.Target).ToArray(), resamples, seed);
            results.Add(new AxisValidationResult(
                fit.Axis,
                fit.Lambda,
                fit.TrainingCount,
                withTarget.Length,
                pairs.Length,
                rho,
                BaselineRho: 0,
                ModelMae: pairs.Average(p => Math.Abs(p.Predicted - p.Target)),
                BaselineMae: pairs.Average(p => Math.Abs(baseline - p.Target))));
        }

        return results;
    }
}
