namespace SoundGraph.Learning.Cvae;

/// <summary>The Spotify audio-feature set the CVAE generates, in the store's column order and natural units.</summary>
public static class CvaeFeatures
{
    /// <summary>Feature names (the store's <c>audio_features</c> columns): seven 0–1 scores, loudness in dB, tempo in BPM.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "loudness_db", "tempo_bpm"];

    /// <summary>Whether feature <paramref name="index"/> is a 0–1 score (the first seven).</summary>
    public static bool IsUnitInterval(int index) => index is >= 0 and < 7;

    /// <summary>Clips the 0–1 scores of a natural-unit vector into [0, 1] (in place) and returns how many were outside.</summary>
    public static int ClipUnitScores(double[] natural)
    {
        ArgumentNullException.ThrowIfNull(natural);
        var outside = 0;
        for (var j = 0; j < natural.Length; j++)
        {
            if (IsUnitInterval(j) && (natural[j] < 0 || natural[j] > 1))
            {
                outside++;
                natural[j] = Math.Clamp(natural[j], 0, 1);
            }
        }

        return outside;
    }
}

/// <summary>Everything inference needs besides the artist embeddings: the trained network, the feature scaler, the scaler
/// of the three condition scalars, and the popularity used when none is given.</summary>
/// <param name="Model">The trained CVAE.</param>
/// <param name="Features">Standardizer of the nine features (fitted on the training split).</param>
/// <param name="Scalars">Standardizer of [log(1+CN), log(1+AA), log(1+streams)] (fitted on the training split).</param>
/// <param name="EmbeddingDim">d, the FastRP dimension of the artist embeddings in c.</param>
/// <param name="MedianLogStreams">Median log(1 + streams) of the training collaborations (the default popularity).</param>
/// <param name="LogitUnitScores">When true, the seven 0–1 scores are modelled as logit(clamp(x, ε, 1 − ε)) with
/// ε = <see cref="LogitEpsilon"/> before standardisation and mapped back through the logistic function, so generated scores
/// stay inside (0, 1) by construction (a bounded output); when false they are modelled as they are and clipped.</param>
public sealed record CvaeArtifact(CvaeModel Model, Standardizer Features, Standardizer Scalars, int EmbeddingDim, double MedianLogStreams, bool LogitUnitScores = false)
{
    /// <summary>ε of the logit transform: scores are clamped into [ε, 1 − ε] first (the features are given to about three
    /// decimals, and many instrumentalness values are exactly 0).</summary>
    public const double LogitEpsilon = 1e-3;

    private const int Magic = 0x45415643; // "CVAE"

    /// <summary>The natural-unit vector before standardisation: unchanged, or with logit scores when
    /// <paramref name="logitUnitScores"/>. Fit <see cref="Features"/> on these.</summary>
    public static double[] Pretransform(ReadOnlySpan<double> natural, bool logitUnitScores)
    {
        var v = natural.ToArray();
        if (logitUnitScores)
        {
            for (var j = 0; j < v.Length; j++)
            {
                if (CvaeFeatures.IsUnitInterval(j))
                {
                    var p = Math.Clamp(v[j], LogitEpsilon, 1 - LogitEpsilon);
                    v[j] = Math.Log(p / (1 - p));
                }
            }
        }

        return v;
    }

    /// <summary>Natural units → the model's standardized space.</summary>
    public double[] ToModelSpace(ReadOnlySpan<double> natural) => Features.Transform(Pretransform(natural, LogitUnitScores));

    /// <summary>The model's standardized space → natural units (not clipped; with <see cref="LogitUnitScores"/> the scores
    /// come back through the logistic function, inside [0, 1] by construction, and a score below ε or above 1 − ε comes back
    /// as exactly 0 or 1, the inverse of the clamp).</summary>
    public double[] ToNatural(ReadOnlySpan<double> standardized)
    {
        var v = Features.Inverse(standardized);
        if (LogitUnitScores)
        {
            for (var j = 0; j < v.Length; j++)
            {
                if (CvaeFeatures.IsUnitInterval(j))
                {
                    // The inverse of the clamp: a value below ε (above 1 − ε) stands for the clamped mass at 0 (at 1).
                    var p = 1 / (1 + Math.Exp(-v[j]));
                    var edge = LogitEpsilon * (1 + 1e-9); // the clamp's own value maps back to its end despite rounding
                    v[j] = p <= edge ? 0 : p >= 1 - edge ? 1 : p;
                }
            }
        }

        return v;
    }

    /// <summary>The condition for artists with embeddings <paramref name="a"/>, <paramref name="b"/> (empty when absent),
    /// raw proximity and log(1 + streams) popularity.</summary>
    public double[] Condition(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int commonNeighbors, double adamicAdar, double logStreams)
    {
        var raw = CollabCondition.RawScalars(commonNeighbors, adamicAdar, 0);
        raw[2] = logStreams;
        return CollabCondition.Build(a, b, EmbeddingDim, Scalars.Transform(raw));
    }

    /// <summary>A generated vector in natural units (0–1 scores clipped into [0, 1]) for condition <paramref name="c"/>.</summary>
    public double[] GenerateNatural(double[] c, Random random)
    {
        var natural = ToNatural(Model.Generate(c, random));
        CvaeFeatures.ClipUnitScores(natural);
        return natural;
    }

    /// <summary>Serializes the artifact (little-endian binary, versioned).</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Magic);
            writer.Write(EmbeddingDim);
            writer.Write(MedianLogStreams);
            writer.Write(LogitUnitScores);
            Features.Write(writer);
            Scalars.Write(writer);
            Model.Write(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Reads what <see cref="ToBytes"/> wrote.</summary>
    /// <exception cref="InvalidDataException">Not a CVAE artifact, or corrupt.</exception>
    public static CvaeArtifact FromBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data));
            if (reader.ReadInt32() != Magic)
            {
                throw new InvalidDataException("Not a CVAE model.");
            }

            var d = reader.ReadInt32();
            var median = reader.ReadDouble();
            var logit = reader.ReadBoolean();
            var features = Standardizer.Read(reader);
            var scalars = Standardizer.Read(reader);
            var model = CvaeModel.Read(reader);
            if (model.ConditionDim != CollabCondition.Dimension(d) || features.Dimension != model.FeatureDim || scalars.Dimension != CollabCondition.ScalarCount)
            {
                throw new InvalidDataException("CVAE model dimensions do not match its scalers.");
            }

            return new CvaeArtifact(model, features, scalars, d, median, logit);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Truncated CVAE model.", e);
        }
    }
}
