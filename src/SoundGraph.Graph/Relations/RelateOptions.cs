using System.ComponentModel.DataAnnotations;
using SoundGraph.Core.Relations;

namespace SoundGraph.Graph.Relations;

/// <summary>Options of <see cref="RelationEngine.Build"/>: which kinds to compute and the limits of each.</summary>
public sealed record RelateOptions
{
    /// <summary>Top-K, filters and evidence sample of every co-occurrence kind (all kinds but audio similarity).
    /// For <see cref="RelationKind.UserJaccard"/> and <see cref="RelationKind.UserLikeJaccard"/>, MinCount and MinWeight
    /// are replaced by <see cref="UserMinCommon"/> and <see cref="UserMinJaccard"/>.</summary>
    /// <value>Default <see cref="RelationOptions"/> defaults (top 50, no filter, 5 evidence ids).</value>
    public RelationOptions General { get; init; } = new();

    /// <summary>Neighbours kept per track for <see cref="RelationKind.TrackAudioSimilarity"/>.</summary>
    /// <value>Default 50; at least 1.</value>
    [Range(1, int.MaxValue)]
    public int AudioTopK { get; init; } = 50;

    /// <summary>Minimum cosine similarity of standardized audio features.</summary>
    /// <value>Default 0.7; in [−1, 1].</value>
    [Range(-1.0, 1.0)]
    public double AudioThreshold { get; init; } = 0.7;

    /// <summary>Minimum number of artists two users share for a <see cref="RelationKind.UserJaccard"/> row (liked tracks
    /// for a <see cref="RelationKind.UserLikeJaccard"/> row).</summary>
    /// <value>Default 3: one or two shared artists (or tracks) say little about taste; at least 1.</value>
    [Range(1, int.MaxValue)]
    public int UserMinCommon { get; init; } = 3;

    /// <summary>Minimum Jaccard index of two users' artist sets (liked-track sets for <see cref="RelationKind.UserLikeJaccard"/>).</summary>
    /// <value>Default 0.1; in [0, 1].</value>
    [Range(0.0, 1.0)]
    public double UserMinJaccard { get; init; } = 0.1;

    /// <summary>Kinds to compute (each only when its input is present).</summary>
    /// <value>Default every <see cref="RelationKind"/>.</value>
    public IReadOnlySet<RelationKind> Kinds { get; init; } = new HashSet<RelationKind>(RelationKinds.All);

    /// <summary>Checks every option against its documented range.</summary>
    /// <exception cref="ArgumentNullException"><see cref="General"/> or <see cref="Kinds"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(General, nameof(General));
        ArgumentNullException.ThrowIfNull(Kinds, nameof(Kinds));
        General.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(AudioTopK, 1, nameof(AudioTopK));
        ArgumentOutOfRangeException.ThrowIfLessThan(UserMinCommon, 1, nameof(UserMinCommon));
        if (!(AudioThreshold >= -1 && AudioThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(AudioThreshold), AudioThreshold, "Must be in [-1, 1].");
        }

        if (!(UserMinJaccard >= 0 && UserMinJaccard <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(UserMinJaccard), UserMinJaccard, "Must be in [0, 1].");
        }
    }
}
