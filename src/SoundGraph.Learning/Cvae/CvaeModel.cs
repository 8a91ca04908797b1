namespace SoundGraph.Learning.Cvae;

/// <summary>The two terms of the CVAE objective, averaged over a batch.</summary>
/// <param name="Reconstruction">Mean over samples of Σ<sub>j</sub> (x̂<sub>j</sub> − x<sub>j</sub>)² (standardized units).</param>
/// <param name="Kl">Mean over samples of KL(q(z|x,c) ‖ N(0, I)) in nats.</param>
public readonly record struct CvaeLoss(double Reconstruction, double Kl)
{
    /// <summary>Reconstruction + β·KL.</summary>
    public double Total(double beta) => Reconstruction + (beta * Kl);
}

/// <summary>A conditional variational autoencoder (Sohn, Lee and Yan, "Learning Structured Output Representation using
/// Deep Conditional Generative Models", NeurIPS 2015) with the reparameterisation trick (Kingma and Welling, "Auto-Encoding
/// Variational Bayes", ICLR 2014), on plain double arrays with hand-written backpropagation.</summary>
/// <remarks>
/// <para>Shapes: x has F features (standardized), c has C condition values, z has L latent units, H hidden units.
/// Encoder q(z|x,c): [x; c] (F+C) → tanh H → 2L = [μ; log σ²]. Decoder p(x|z,c): [z; c] (L+C) → tanh H → F = x̂, the mean of
/// a Gaussian with fixed variance ½, so −log p(x|z,c) = Σ<sub>j</sub>(x̂<sub>j</sub> − x<sub>j</sub>)² + const (squared error).
/// z = μ + σ⊙ε with ε ~ N(0, I); KL(q ‖ N(0, I)) = ½ Σ<sub>l</sub> (μ<sub>l</sub>² + σ<sub>l</sub>² − 1 − log σ<sub>l</sub>²).
/// Loss per sample = reconstruction + β·KL, averaged over the batch.</para>
/// <para>All weights sit in one flat <see cref="Parameters"/> vector: the encoder first, then the decoder.</para>
/// </remarks>
public sealed class CvaeModel
{
    private const int FormatVersion = 1;

    private CvaeModel(int featureDim, int conditionDim, int latentDim, int hiddenDim, double[]? parameters)
    {
        FeatureDim = featureDim;
        ConditionDim = conditionDim;
        LatentDim = latentDim;
        HiddenDim = hiddenDim;
        Encoder = new TanhMlp([featureDim + conditionDim, hiddenDim, 2 * latentDim], 0);
        Decoder = new TanhMlp([latentDim + conditionDim, hiddenDim, featureDim], Encoder.ParameterCount);
        Parameters = parameters ?? new double[Encoder.ParameterCount + Decoder.ParameterCount];
        if (Parameters.Length != Encoder.ParameterCount + Decoder.ParameterCount)
        {
            throw new ArgumentException("The parameter vector does not match the layer sizes.", nameof(parameters));
        }
    }

    /// <summary>F, the feature dimension.</summary>
    public int FeatureDim { get; }

    /// <summary>C, the condition dimension.</summary>
    public int ConditionDim { get; }

    /// <summary>L, the latent dimension.</summary>
    public int LatentDim { get; }

    /// <summary>H, the hidden width of encoder and decoder.</summary>
    public int HiddenDim { get; }

    /// <summary>Every weight and bias, encoder then decoder (trained in place).</summary>
    public double[] Parameters { get; }

    /// <summary>The encoder layout inside <see cref="Parameters"/>.</summary>
    public TanhMlp Encoder { get; }

    /// <summary>The decoder layout inside <see cref="Parameters"/>.</summary>
    public TanhMlp Decoder { get; }

    /// <summary>A new model with Glorot-uniform weights drawn from <paramref name="random"/> and zero biases.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension below 1 (C may be 0).</exception>
    public static CvaeModel Create(int featureDim, int conditionDim, int latentDim, int hiddenDim, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureDim, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(conditionDim);
        ArgumentOutOfRangeException.ThrowIfLessThan(latentDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenDim, 1);
        ArgumentNullException.ThrowIfNull(random);
        var model = new CvaeModel(featureDim, conditionDim, latentDim, hiddenDim, null);
        model.Encoder.Initialize(model.Parameters, random);
        model.Decoder.Initialize(model.Parameters, random);
        return model;
    }

    /// <summary>The batch loss for fixed noise <paramref name="noise"/> and, when <paramref name="gradient"/> is not null,
    /// its exact gradient with respect to <see cref="Parameters"/> (overwritten).</summary>
    /// <param name="x">B feature rows (F each, standardized).</param>
    /// <param name="c">B condition rows (C each).</param>
    /// <param name="noise">B rows of ε (L each), usually N(0, I) draws.</param>
    /// <param name="beta">β, the KL weight.</param>
    /// <param name="gradient">Receives ∂(mean recon + β·mean KL)/∂θ; null for the loss only.</param>
    /// <returns>The batch means of both terms.</returns>
    public CvaeLoss LossAndGradient(IReadOnlyList<double[]> x, IReadOnlyList<double[]> c, IReadOnlyList<double[]> noise, double beta, double[]? gradient)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(noise);
        if (x.Count == 0 || c.Count != x.Count || noise.Count != x.Count)
        {
            throw new ArgumentException("x, c and noise need one row per sample, at least one sample.", nameof(x));
        }

        if (gradient is not null)
        {
            Array.Clear(gradient);
        }

        var b = x.Count;
        var l = LatentDim;
        var encoderActs = Encoder.NewActivations();
        var decoderActs = Decoder.NewActivations();
        var encoderInput = new double[FeatureDim + ConditionDim];
        var decoderInput = new double[LatentDim + ConditionDim];
        var decoderInputGradient = new double[LatentDim + ConditionDim];
        var outputGradient = new double[FeatureDim];
        var encoderOutputGradient = new double[2 * l];
        var sigma = new double[l];
        double recon = 0, kl = 0;
        for (var s = 0; s < b; s++)
        {
            Concat(x[s], c[s], encoderInput);
            var encoded = Encoder.Forward(Parameters, encoderInput, encoderActs);
            for (var j = 0; j < l; j++)
            {
                var mu = encoded[j];
                var logVar = encoded[l + j];
                sigma[j] = Math.Exp(0.5 * logVar);
                decoderInput[j] = mu + (sigma[j] * noise[s][j]);
                kl += 0.5 * ((mu * mu) + (sigma[j] * sigma[j]) - 1 - logVar);
            }

            c[s].CopyTo(decoderInput, l);
            var decoded = Decoder.Forward(Parameters, decoderInput, decoderActs);
            for (var j = 0; j < FeatureDim; j++)
            {
                var e = decoded[j] - x[s][j];
                recon += e * e;
                outputGradient[j] = 2 * e / b;
            }

            if (gradient is null)
            {
                continue;
            }

            Decoder.Backward(Parameters, decoderActs, outputGradient, gradient, decoderInputGradient);
            for (var j = 0; j < l; j++)
            {
                var gz = decoderInputGradient[j];
                var mu = encoderActs[^1][j];
                encoderOutputGradient[j] = gz + (beta * mu / b);
                encoderOutputGradient[l + j] = (gz * noise[s][j] * 0.5 * sigma[j]) + (beta * 0.5 * ((sigma[j] * sigma[j]) - 1) / b);
            }

            Encoder.Backward(Parameters, encoderActs, encoderOutputGradient, gradient, null);
        }

        return new CvaeLoss(recon / b, kl / b);
    }

    /// <summary>q(z|x,c): the posterior mean μ and log-variance log σ² (L each).</summary>
    public (double[] Mean, double[] LogVariance) Encode(double[] x, double[] c)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(c);
        var input = new double[FeatureDim + ConditionDim];
        Concat(x, c, input);
        var output = Encoder.Forward(Parameters, input, Encoder.NewActivations());
        return (output[..LatentDim], output[LatentDim..]);
    }

    /// <summary>The decoder mean x̂ (F values, standardized) for latent <paramref name="z"/> and condition <paramref name="c"/>.</summary>
    public double[] Decode(double[] z, double[] c)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(c);
        var input = new double[LatentDim + ConditionDim];
        Concat(z, c, input);
        return (double[])Decoder.Forward(Parameters, input, Decoder.NewActivations()).Clone();
    }

    /// <summary>Draws z ~ N(0, I) from <paramref name="random"/> and returns the decoder mean for condition <paramref name="c"/>.</summary>
    public double[] Generate(double[] c, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Decode(GaussianNoise.Vector(random, LatentDim), c);
    }

    /// <summary>Writes the dimensions and parameters (little-endian doubles).</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(FormatVersion);
        writer.Write(FeatureDim);
        writer.Write(ConditionDim);
        writer.Write(LatentDim);
        writer.Write(HiddenDim);
        writer.Write(Parameters.Length);
        foreach (var p in Parameters)
        {
            writer.Write(p);
        }
    }

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">Unknown format version or inconsistent sizes.</exception>
    public static CvaeModel Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Unknown CVAE model format {version}.");
        }

        int f = reader.ReadInt32(), c = reader.ReadInt32(), l = reader.ReadInt32(), h = reader.ReadInt32(), n = reader.ReadInt32();
        if (f < 1 || c < 0 || l < 1 || h < 1 || n < 0)
        {
            throw new InvalidDataException("Corrupt CVAE model header.");
        }

        var parameters = new double[n];
        for (var i = 0; i < n; i++)
        {
            parameters[i] = reader.ReadDouble();
        }

        try
        {
            return new CvaeModel(f, c, l, h, parameters);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("Corrupt CVAE model: " + e.Message, e);
        }
    }

    private static void Concat(double[] a, double[] b, double[] into)
    {
        a.CopyTo(into, 0);
        b.CopyTo(into, a.Length);
    }
}

/// <summary>Standard normal draws from a seeded <see cref="Random"/> (Box–Muller, one value per pair of uniforms, so the
/// sequence depends only on the seed).</summary>
public static class GaussianNoise
{
    /// <summary>One N(0, 1) draw.</summary>
    public static double Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u1 = 1.0 - random.NextDouble(); // (0, 1]: log is finite
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary><paramref name="length"/> independent N(0, 1) draws.</summary>
    public static double[] Vector(Random random, int length)
    {
        var v = new double[length];
        for (var i = 0; i < length; i++)
        {
            v[i] = Next(random);
        }

        return v;
    }
}
