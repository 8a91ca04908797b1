namespace SoundGraph.Taste.Axes;

/// <summary>Fits one axis of a <see cref="TagAxisModel"/>: k-fold cross-validation over the λ grid, then the final ridge
/// fit on every item with the axis's target.</summary>
internal static class TagAxisTrainer
{
    /// <summary>The axis's fit and weights, or null when fewer than two items carry its target.</summary>
    /// <param name="axis">The axis.</param>
    /// <param name="features">All training items' TF-IDF rows.</param>
    /// <param name="targets">Per row, the axis's target or null.</param>
    /// <param name="options">Validated options.</param>
    public static (AxisFit Fit, double[] Weights)? FitAxis(MoodAxis axis, SparseRows features, IReadOnlyList<double?> targets, TagAxisOptions options)
    {
        var rows = Enumerable.Range(0, targets.Count).Where(i => targets[i] is { } t && double.IsFinite(t)).ToArray();
        if (rows.Length < 2)
        {
            return null;
        }

        var x = features.SelectRows(rows);
        var y = rows.Select(i => targets[i]!.Value).ToArray();
        var lambdas = options.Lambdas.Distinct().Order().ToArray();
        var lambda = lambdas[lambdas.Length / 2];
        double? r2 = null;
        if (rows.Length >= 2 * options.Folds)
        {
            (lambda, r2) = CrossValidate(axis, x, y, lambdas, options);
        }

        var fit = RidgeSolver.Fit(x, y, lambda, null, options.Tolerance, options.MaxIterations);
        var (min, max) = axis == MoodAxis.Tempo ? (y.Min(), y.Max()) : (0.0, 1.0);
        return (new AxisFit(axis, rows.Length, lambda, fit.Intercept, r2, min, max), fit.Weights);
    }

    /// <summary>k-fold CV: each fold is fitted on the others for every λ, from the largest down, each solve warm-started
    /// from the previous one; the λ with the lowest pooled out-of-fold squared error wins (the larger on a tie).</summary>
    private static (double Lambda, double? R2) CrossValidate(MoodAxis axis, SparseRows x, double[] y, double[] lambdasAscending, TagAxisOptions options)
    {
        var n = y.Length;
        var fold = new int[n];
        var order = SplitMix64.Create(options.Seed, (int)axis + 1).Permutation(n);
        for (var k = 0; k < n; k++)
        {
            fold[order[k]] = k % options.Folds;
        }

        var descending = lambdasAscending.Reverse().ToArray();
        var squaredError = new double[descending.Length];
        for (var f = 0; f < options.Folds; f++)
        {
            var train = Enumerable.Range(0, n).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, n).Where(i => fold[i] == f).ToArray();
            var xTrain = x.SelectRows(train);
            var yTrain = train.Select(i => y[i]).ToArray();
            double[]? start = null;
            for (var l = 0; l < descending.Length; l++)
            {
                var fit = RidgeSolver.Fit(xTrain, yTrain, descending[l], start, options.Tolerance, options.MaxIterations);
                start = fit.Weights;
                foreach (var i in test)
                {
                    var error = y[i] - (fit.Intercept + x.Dot(i, fit.Weights));
                    squaredError[l] += error * error;
                }
            }
        }

        var best = 0;
        for (var l = 1; l < descending.Length; l++)
        {
            if (squaredError[l] < squaredError[best])
            {
                best = l;
            }
        }

        var mean = y.Average();
        var total = y.Sum(v => (v - mean) * (v - mean));
        return (descending[best], total > 0 ? 1 - squaredError[best] / total : null);
    }
}
