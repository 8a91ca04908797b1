using System.Text.Json;
using SoundGraph.Graph.Embeddings;

namespace SoundGraph.Learning.LinkPrediction;

/// <summary>The saved collaboration predictor: a logistic regression over standardized <see cref="LinkFeatures"/>, the
/// embedding settings the cosine feature needs, and the operating thresholds chosen on held-out edges.</summary>
/// <param name="FeatureNames">Names of the features, in vector order.</param>
/// <param name="Coefficients">Coefficient per standardized feature: the change in log-odds per standard deviation.</param>
/// <param name="Intercept">Intercept (log-odds of a pair at the feature means).</param>
/// <param name="Scaler">Standardization fitted on the training pairs.</param>
/// <param name="Embedding">FastRP settings used for the embedding-cosine feature.</param>
/// <param name="FullRecallThreshold">The highest probability threshold that keeps every held-out collaboration.</param>
/// <param name="PrecisionThreshold">The lowest threshold reaching <paramref name="TargetPrecision"/> on held-out pairs, or
/// null when none does.</param>
/// <param name="TargetPrecision">Precision the second threshold was chosen for (e.g. 0.8).</param>
public sealed record CollabModel(
    IReadOnlyList<string> FeatureNames,
    double[] Coefficients,
    double Intercept,
    StandardScaler Scaler,
    FastRpOptions Embedding,
    double FullRecallThreshold,
    double? PrecisionThreshold,
    double TargetPrecision)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Probability of a link for one raw (unstandardized) feature vector.</summary>
    public double Score(ReadOnlySpan<double> features)
    {
        var z = Scaler.Transform(features);
        var logit = Intercept;
        for (var j = 0; j < z.Length; j++)
        {
            logit += Coefficients[j] * z[j];
        }

        return LogisticRegression.Sigmoid(logit);
    }

    /// <summary>The model as JSON (UTF-8 bytes), the format stored in the <c>models</c> table.</summary>
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads a model written by <see cref="Serialize"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a collaboration model.</exception>
    public static CollabModel Deserialize(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            var model = JsonSerializer.Deserialize<CollabModel>(data, Json);
            if (model is null || model.Coefficients.Length != model.FeatureNames.Count || model.Scaler.Means.Length != model.Coefficients.Length)
            {
                throw new InvalidDataException("The stored collaboration model is incomplete.");
            }

            return model;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The stored collaboration model is not valid JSON: " + e.Message, e);
        }
    }
}
