using SoundGraph.Learning.Nn;

namespace SoundGraph.Learning.Cvae;

/// <summary>The training curve at the end of one epoch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Beta">β used in the epoch (after warm-up).</param>
/// <param name="Reconstruction">Mean reconstruction term over the epoch's samples (Σ over features of squared error, standardized units).</param>
/// <param name="Kl">Mean KL(q ‖ N(0, I)) over the epoch's samples, nats.</param>
public sealed record CvaeEpoch(int Epoch, double Beta, double Reconstruction, double Kl)
{
    /// <summary>Reconstruction + β·KL.</summary>
    public double Loss => Reconstruction + (Beta * Kl);
}

/// <summary>A trained model and its curve.</summary>
/// <param name="Model">The trained CVAE.</param>
/// <param name="Curve">One entry per epoch.</param>
public sealed record CvaeTrainingResult(CvaeModel Model, IReadOnlyList<CvaeEpoch> Curve);

/// <summary>Trains a <see cref="CvaeModel"/> by mini-batch Adam on reconstruction + β·KL.</summary>
/// <remarks>Deterministic under <see cref="CvaeOptions.Seed"/>: one <see cref="Random"/> draws the initial weights, then per
/// epoch a Fisher–Yates order of the samples and per sample its ε; single-threaded. Cost per epoch
/// O(N·H·(F + C + L)).</remarks>
public static class CvaeTrainer
{
    /// <summary>Trains on standardized features <paramref name="x"/> (N × F) with conditions <paramref name="c"/> (N × C).</summary>
    /// <param name="x">Feature rows.</param>
    /// <param name="c">Condition rows, one per feature row.</param>
    /// <param name="options">Hyper-parameters (validated).</param>
    /// <param name="progress">Told after every epoch.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <exception cref="ArgumentException">No rows, rows of different lengths, or an invalid option.</exception>
    public static CvaeTrainingResult Train(IReadOnlyList<double[]> x, IReadOnlyList<double[]> c, CvaeOptions options, IProgress<CvaeEpoch>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (x.Count == 0 || c.Count != x.Count)
        {
            throw new ArgumentException("Training needs at least one sample and one condition row per sample.", nameof(x));
        }

        var f = x[0].Length;
        var cd = c[0].Length;
        if (x.Any(r => r.Length != f) || c.Any(r => r.Length != cd))
        {
            throw new ArgumentException("Every feature row (and every condition row) must have the same length.", nameof(x));
        }

        var random = new Random(options.Seed);
        var model = CvaeModel.Create(f, cd, options.LatentDim, options.HiddenDim, random);
        var adam = new AdamOptimizer(model.Parameters.Length, options.LearningRate);
        var gradient = new double[model.Parameters.Length];
        var order = Enumerable.Range(0, x.Count).ToArray();
        var curve = new List<CvaeEpoch>(options.Epochs);
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var beta = options.BetaAt(epoch);
            Shuffle(order, random);
            double recon = 0, kl = 0;
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var end = Math.Min(order.Length, start + options.BatchSize);
                var bx = new double[end - start][];
                var bc = new double[end - start][];
                var noise = new double[end - start][];
                for (var i = start; i < end; i++)
                {
                    bx[i - start] = x[order[i]];
                    bc[i - start] = c[order[i]];
                    noise[i - start] = GaussianNoise.Vector(random, options.LatentDim);
                }

                var loss = model.LossAndGradient(bx, bc, noise, beta, gradient);
                adam.Step(model.Parameters, gradient);
                recon += loss.Reconstruction * (end - start);
                kl += loss.Kl * (end - start);
            }

            var entry = new CvaeEpoch(epoch, beta, recon / order.Length, kl / order.Length);
            if (!double.IsFinite(entry.Loss))
            {
                throw new InvalidOperationException($"CVAE training diverged in epoch {epoch} (loss {entry.Loss}); lower --learning-rate.");
            }

            curve.Add(entry);
            progress?.Report(entry);
        }

        return new CvaeTrainingResult(model, curve);
    }

    private static void Shuffle(int[] order, Random random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
