using SoundGraph.Taste.Axes;
using SoundGraph.Taste.Mixtape;

namespace SoundGraph.Taste.Tests.Mixtape;

public sealed class ClusteringTests
{
    private static double[,] LineDistances(params double[] x)
    {
        var d = new double[x.Length, x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                d[i, j] = Math.Abs(x[i] - x[j]);
            }
        }

        return d;
    }

    [Fact]
    public void Fit_TwoGroupsOnALine_BuildThenRefineFindsTheMiddles()
    {
        // Hand-worked: BUILD takes x = 2 (total 30, tied with x = 10; the lower index wins), then x = 11 (cost 5); the
        // refinement moves the first medoid to x = 1 (cluster cost 2 instead of 3). Final cost 2 + 2 = 4.
        var fit = WeightedKMedoids.Fit(LineDistances(0, 1, 2, 10, 11, 12), [1, 1, 1, 1, 1, 1], 2);

        Assert.Equal([1, 4], fit.Medoids);
        Assert.Equal([0, 0, 0, 1, 1, 1], fit.Assignment);
        Assert.Equal(4, fit.Cost, 12);
    }

    [Fact]
    public void Fit_HeavyPoint_PullsTheMedoidToIt()
    {
        // x = 0 weighs 10: cost with medoid 0 is 1 + 2 = 3, with medoid 1 it is 10 + 1 = 11.
        var fit = WeightedKMedoids.Fit(LineDistances(0, 1, 2, 10, 11, 12), [10, 1, 1, 1, 1, 1], 2);

        Assert.Equal(0, fit.Medoids[fit.Assignment[0]]);
        Assert.Equal(3 + 2, fit.Cost, 12);
    }

    [Fact]
    public void Fit_DuplicatePoints_EveryMedoidKeepsItsOwnCluster()
    {
        var fit = WeightedKMedoids.Fit(LineDistances(5, 5, 5), [1, 1, 1], 3);

        Assert.Equal(3, fit.Medoids.Distinct().Count());
        Assert.Equal([0, 1, 2], fit.Medoids.Select(m => fit.Assignment[m]));
        Assert.Equal(0, fit.Cost);
    }

    [Fact]
    public void Silhouette_HandWorked_MatchesRousseeuwWithWeights()
    {
        // A = {0, 2}, B = {10}. s(0) = (10 − 2)/10 = 0.8, s(2) = (8 − 2)/8 = 0.75, s(10) = 0 (alone in B).
        var d = LineDistances(0, 2, 10);

        Assert.Equal((0.8 + 0.75 + 0) / 3, WeightedSilhouette.Mean(d, [1, 1, 1], [0, 0, 1]), 12);
        Assert.Equal((0.8 + 0.75) / 4, WeightedSilhouette.Mean(d, [1, 1, 2], [0, 0, 1]), 12);
    }

    [Fact]
    public void Silhouette_WeightsEnterTheMeanDistances()
    {
        // A = {0, 2, 4} with x = 4 weighing 3; B = {10}. s(0): a = (2·1 + 4·3)/4 = 3.5, b = 10 → 0.65.
        var d = LineDistances(0, 2, 4, 10);
        var s0 = (10 - 3.5) / 10;
        var s2 = (8 - (2 * 1 + 2 * 3) / 4.0) / 8;   // a = 2, b = 8
        var s4 = (6 - (4 + 2) / 2.0) / 6;           // a = 3, b = 6

        Assert.Equal((s0 + s2 + 3 * s4 + 0) / 6, WeightedSilhouette.Mean(d, [1, 1, 3, 1], [0, 0, 0, 1]), 12);
    }

    [Fact]
    public void Silhouette_OneCluster_Zero() => Assert.Equal(0, WeightedSilhouette.Mean(LineDistances(0, 1, 2), [1, 1, 1], [0, 0, 0]));

    [Fact]
    public void Find_ThreeSyntheticBlobs_PicksTheBlobWithTheMostMinutesNotTheMostTracks()
    {
        // SYNTHETIC: 30 party tracks × 3 min, 20 quiet tracks × 2 min, 10 fast bright tracks × 10 min (the most minutes).
        var rng = SplitMix64.Create(16);
        var party = SyntheticMixtapes.Blob(rng, 100, 30, new AxisPoint(0.8, 0.7, 0.75, 128), 0.04, 5, minutes: 3);
        var quiet = SyntheticMixtapes.Blob(rng, 200, 20, new AxisPoint(0.3, 0.3, 0.4, 85), 0.04, 5, minutes: 2);
        var fast = SyntheticMixtapes.Blob(rng, 300, 10, new AxisPoint(0.5, 0.9, 0.5, 170), 0.04, 5, minutes: 10);

        var cluster = DominantCluster.Find([.. party, .. quiet, .. fast], new MixtapeOptions());

        Assert.Equal(3, cluster.K);
        Assert.True(cluster.Silhouette > 0.7, $"silhouette {cluster.Silhouette}");
        Assert.Equal(fast.Select(c => c.TrackId), cluster.MemberTrackIds);
        Assert.Contains(cluster.MedoidTrackId, cluster.MemberTrackIds);
        Assert.Equal(100.0 / 230, cluster.Share, 12);
        Assert.Equal(0.5, cluster.Centre.Energy, 1);
        Assert.InRange(cluster.Centre.TempoBpm, 167, 173);   // 10 draws, sd 5 BPM
        Assert.Equal(5, cluster.SilhouetteByK.Count);   // k = 2 … 6
        Assert.Equal(cluster.SilhouetteByK.Max(), cluster.Silhouette!.Value, 12);
    }

    [Fact]
    public void Find_OneSyntheticBlob_NoSubstantialStructureSoTheWholeWeek()
    {
        // SYNTHETIC: one Gaussian blob; splitting it gives silhouettes below Kaufman & Rousseeuw's 0.25.
        var blob = SyntheticMixtapes.Blob(SplitMix64.Create(7), 1, 60, new AxisPoint(0.6, 0.5, 0.6, 120), 0.08, 16, minutes: 3);

        var cluster = DominantCluster.Find(blob, new MixtapeOptions());

        Assert.True(cluster.SilhouetteByK.Max() < 0.25, string.Join(", ", cluster.SilhouetteByK));
        Assert.Equal(1, cluster.K);
        Assert.Null(cluster.Silhouette);
        Assert.Equal(60, cluster.MemberTrackIds.Count);
        Assert.Equal(1, cluster.Share, 12);
    }

    [Fact]
    public void Find_SameCandidatesInAnotherOrder_SameCluster()
    {
        var rng = SplitMix64.Create(3);
        var all = SyntheticMixtapes.Blob(rng, 1, 25, new AxisPoint(0.8, 0.7, 0.75, 128), 0.05, 5, 3)
            .Concat(SyntheticMixtapes.Blob(rng, 100, 25, new AxisPoint(0.3, 0.3, 0.4, 85), 0.05, 5, 4)).ToList();
        var shuffled = all.ToArray();
        SplitMix64.Create(99).Shuffle<MixtapeCandidate>(shuffled);

        Assert.Equal(DominantCluster.Find(all, new MixtapeOptions()), DominantCluster.Find(shuffled, new MixtapeOptions()), new ClusterComparer());
    }

    private sealed class ClusterComparer : IEqualityComparer<MixtapeCluster>
    {
        public bool Equals(MixtapeCluster? x, MixtapeCluster? y) =>
            x!.K == y!.K && x.MedoidTrackId == y.MedoidTrackId && x.MemberTrackIds.SequenceEqual(y.MemberTrackIds) && x.Centre == y.Centre && x.SilhouetteByK.SequenceEqual(y.SilhouetteByK);

        public int GetHashCode(MixtapeCluster obj) => obj.MedoidTrackId.GetHashCode();
    }
}
