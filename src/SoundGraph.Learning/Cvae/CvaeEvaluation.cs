namespace SoundGraph.Learning.Cvae;

/// <summary>Held-out checks of one feature.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="KsGenerated">KS distance between generated vectors (one per held-out condition, 0–1 scores clipped) and
/// the real held-out vectors.</param>
/// <param name="KsTrainVsHeldOut">KS distance between the real training and real held-out vectors: the sampling-noise floor
/// a perfect generator would show.</param>
/// <param name="OutOfRangeShare">Share of generated values outside [0, 1] before clipping (0–1 scores only; null otherwise).</param>
/// <param name="RealMean">Mean of the real held-out values (natural units).</param>
/// <param name="GeneratedMean">Mean of the generated values (natural units, clipped).</param>
/// <param name="PopularityShift">Mean of x̂(popularity +2σ) − x̂(popularity −2σ) over held-out conditions with the same z,
/// natural units, unclipped.</param>
/// <param name="PopularityShiftSd">That shift in standard deviations of the real training values (natural units; 0 when they are constant).</param>
/// <param name="PopularityPValue">Two-sided paired sign-flip permutation p-value of the shift.</param>
public sealed record CvaeFeatureCheck(
    string Feature, double KsGenerated, double KsTrainVsHeldOut, double? OutOfRangeShare, double RealMean, double GeneratedMean,
    double PopularityShift, double PopularityShiftSd, double PopularityPValue);

/// <summary>The checks of a trained CVAE on the held-out split.</summary>
/// <param name="HeldOut">Held-out collaborations.</param>
/// <param name="HeldOutReconstruction">Mean reconstruction term on the held-out split (z drawn from q, seeded).</param>
/// <param name="HeldOutKl">Mean KL on the held-out split.</param>
/// <param name="Activity">Per latent unit, Cov<sub>x</sub>(E<sub>q</sub>[z<sub>l</sub>]) on the held-out split.</param>
/// <param name="ActiveUnits">Units with activity &gt; 0.01.</param>
/// <param name="OutOfRangeShare">Share of all generated 0–1 scores outside [0, 1] before clipping.</param>
/// <param name="Features">Per-feature checks.</param>
public sealed record CvaeReport(
    int HeldOut, double HeldOutReconstruction, double HeldOutKl, IReadOnlyList<double> Activity, int ActiveUnits, double OutOfRangeShare,
    IReadOnlyList<CvaeFeatureCheck> Features);

/// <summary>Runs the held-out checks the issue asks of the CVAE: per-feature KS distance of generated vs real vectors,
/// active latent units, feature bounds, and whether the popularity condition moves the generated features.</summary>
public static class CvaeEvaluation
{
    /// <summary>Evaluates <paramref name="artifact"/> on the held-out rows.</summary>
    /// <param name="artifact">Trained model and scalers.</param>
    /// <param name="trainNatural">Real training vectors, natural units (for the KS floor).</param>
    /// <param name="testNatural">Real held-out vectors, natural units.</param>
    /// <param name="testConditions">Held-out conditions (built like the training ones).</param>
    /// <param name="seed">Seed of the generation noise and the permutations.</param>
    /// <param name="permutations">Random sign vectors of the permutation test. Default 2000.</param>
    /// <exception cref="ArgumentException">No held-out rows, or conditions and rows differ in count.</exception>
    public static CvaeReport Evaluate(CvaeArtifact artifact, IReadOnlyList<double[]> trainNatural, IReadOnlyList<double[]> testNatural, IReadOnlyList<double[]> testConditions, int seed, int permutations = 2000)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(trainNatural);
        ArgumentNullException.ThrowIfNull(testNatural);
        ArgumentNullException.ThrowIfNull(testConditions);
        if (testNatural.Count == 0 || testConditions.Count != testNatural.Count || trainNatural.Count == 0)
        {
            throw new ArgumentException("Evaluation needs training rows and held-out rows with one condition each.", nameof(testNatural));
        }

        var model = artifact.Model;
        var n = testNatural.Count;
        var f = model.FeatureDim;
        var random = new Random(seed);
        var testX = testNatural.Select(r => artifact.ToModelSpace(r)).ToArray();
        var noise = testX.Select(_ => GaussianNoise.Vector(random, model.LatentDim)).ToArray();
        var heldOut = model.LossAndGradient(testX, testConditions, noise, 1, null);
        var activity = CvaeChecks.LatentActivity(model, testX, testConditions);

        var popularity = CollabCondition.PopularityIndex(artifact.EmbeddingDim);
        var generated = new double[n][];
        var shifts = new double[f][];
        for (var j = 0; j < f; j++)
        {
            shifts[j] = new double[n];
        }

        var outside = new int[f];
        for (var i = 0; i < n; i++)
        {
            var z = GaussianNoise.Vector(random, model.LatentDim);
            generated[i] = artifact.ToNatural(model.Decode(z, testConditions[i]));
            for (var j = 0; j < f; j++)
            {
                if (CvaeFeatures.IsUnitInterval(j) && (generated[i][j] < 0 || generated[i][j] > 1))
                {
                    outside[j]++;
                }
            }

            CvaeFeatures.ClipUnitScores(generated[i]);
            var high = (double[])testConditions[i].Clone();
            var low = (double[])testConditions[i].Clone();
            high[popularity] = 2;
            low[popularity] = -2;
            var up = artifact.ToNatural(model.Decode(z, high));
            var down = artifact.ToNatural(model.Decode(z, low));
            for (var j = 0; j < f; j++)
            {
                shifts[j][i] = up[j] - down[j];
            }
        }

        var checks = new List<CvaeFeatureCheck>(f);
        var unitValues = 0;
        var unitOutside = 0;
        for (var j = 0; j < f; j++)
        {
            var column = j;
            var real = testNatural.Select(r => r[column]).ToArray();
            var gen = generated.Select(r => r[column]).ToArray();
            double? share = null;
            if (CvaeFeatures.IsUnitInterval(j))
            {
                var count = outside[j];
                share = (double)count / n;
                unitValues += n;
                unitOutside += count;
            }

            var shift = shifts[j].Average();
            var trainMean = trainNatural.Average(r => r[column]);
            var trainSd = Math.Sqrt(trainNatural.Average(r => (r[column] - trainMean) * (r[column] - trainMean)));
            checks.Add(new CvaeFeatureCheck(
                CvaeFeatures.Names.Count == f ? CvaeFeatures.Names[j] : "x" + j.ToString(System.Globalization.CultureInfo.InvariantCulture),
                KolmogorovSmirnov.Statistic(gen, real),
                KolmogorovSmirnov.Statistic(trainNatural.Select(r => r[column]), real),
                share,
                real.Average(),
                gen.Average(),
                shift,
                trainSd > 0 ? shift / trainSd : 0,
                CvaeChecks.SignFlipPValue(shifts[j], permutations, seed + j + 1)));
        }

        return new CvaeReport(n, heldOut.Reconstruction, heldOut.Kl, activity, CvaeChecks.ActiveUnits(activity), unitValues == 0 ? 0 : (double)unitOutside / unitValues, checks);
    }
}
