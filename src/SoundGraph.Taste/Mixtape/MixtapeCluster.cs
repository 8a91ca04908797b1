namespace SoundGraph.Taste.Mixtape;

/// <summary>A point on the mixtape's axes in their own units (the centre or the spread of a cluster).</summary>
/// <param name="Energy">0–1.</param>
/// <param name="Valence">0–1.</param>
/// <param name="Danceability">0–1.</param>
/// <param name="TempoBpm">BPM.</param>
public sealed record AxisPoint(double Energy, double Valence, double Danceability, double TempoBpm)
{
    /// <summary>The point as a <see cref="MixtapeSpace"/> vector (tempo / 200).</summary>
    public double[] ToVector() => [Energy, Valence, Danceability, TempoBpm / MixtapeSpace.TempoScaleBpm];

    /// <summary>The point of a <see cref="MixtapeSpace"/> vector.</summary>
    /// <exception cref="ArgumentException">Not <see cref="MixtapeSpace.Dimensions"/> values.</exception>
    public static AxisPoint FromVector(IReadOnlyList<double> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (vector.Count != MixtapeSpace.Dimensions)
        {
            throw new ArgumentException($"A mixtape vector has {MixtapeSpace.Dimensions} values, not {vector.Count}.", nameof(vector));
        }

        return new AxisPoint(vector[0], vector[1], vector[2], vector[3] * MixtapeSpace.TempoScaleBpm);
    }
}

/// <summary>The period's dominant cluster (<see cref="DominantCluster.Find"/>).</summary>
/// <param name="K">Clusters in the chosen partition (1 when no k ≥ 2 reached <see cref="MixtapeOptions.MinSilhouette"/>).</param>
/// <param name="Silhouette">The chosen partition's weighted mean silhouette; null for k = 1.</param>
/// <param name="SilhouetteByK">Weighted mean silhouette for k = 2, 3, … in order (empty with fewer than 3 candidates).</param>
/// <param name="MemberTrackIds">The cluster's tracks, by track id.</param>
/// <param name="MedoidTrackId">Its medoid: the member with the least play-weighted distance to the other members.</param>
/// <param name="Centre">Its play-weighted mean on each axis ("the week's centre").</param>
/// <param name="Spread">Its play-weighted standard deviation on each axis.</param>
/// <param name="Minutes">Minutes played of its members.</param>
/// <param name="Share">Its minutes over all candidates' minutes, 0–1.</param>
public sealed record MixtapeCluster(
    int K,
    double? Silhouette,
    IReadOnlyList<double> SilhouetteByK,
    IReadOnlyList<long> MemberTrackIds,
    long MedoidTrackId,
    AxisPoint Centre,
    AxisPoint Spread,
    double Minutes,
    double Share);
