using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;
using static SoundGraph.Graph.Tests.Relations.TestGraphs;

namespace SoundGraph.Graph.Tests.Relations;

public sealed class RelationEngineTests
{
    // User–user example. Users 1..5 and their artists:
    //   u1 {1, 2, 3, 4}           u2 {1, 2, 3, 5}: 3 common {1,2,3}, union 5 → Jaccard 3/5 = 0.6 → kept
    //   u3 {1, 2, 6, 7}           with u1 or u2: 2 common (< 3) → absent, although Jaccard 2/6 ≥ 0.1
    //   u4 {1, 2, 3, 10..40}      |u4| = 34; with u1 or u2: 3 common, union 4 + 34 − 3 = 35 → 3/35 ≈ 0.086 < 0.1 → absent
    //   u5 {}                     (no artists: appears nowhere)
    private static readonly Bipartite Listeners = Of(
        (1, [1, 2, 3, 4]),
        (2, [1, 2, 3, 5]),
        (3, [1, 2, 6, 7]),
        (4, [1, 2, 3, .. Enumerable.Range(10, 31).Select(i => (long)i)]));

    [Fact]
    public void Build_UserJaccard_KeepsOnlyPairsWithThreeCommonAndJaccardAtLeastTenth()
    {
        var result = RelationEngine.Build(new RelationInputs { ListenerArtists = Listeners }, new RelateOptions());

        var rows = result[RelationKind.UserJaccard];
        AssertRows([(1, 2, 0.6, 3), (2, 1, 0.6, 3)], rows);
        Assert.Equal([1L, 2L, 3L], rows[0].Evidence);
    }

    [Fact]
    public void Build_UserJaccardRelaxedFilters_AdmitsTheFilteredPairs()
    {
        // Same users; with ≥ 2 common and no Jaccard floor the pairs above appear, e.g. u1→u4 at 3/35 and u3→u1 at 2/6.
        var options = new RelateOptions { UserMinCommon = 2, UserMinJaccard = 0 };

        var rows = RelationEngine.Build(new RelationInputs { ListenerArtists = Listeners }, options)[RelationKind.UserJaccard];

        Assert.Contains(rows, r => r is { SrcId: 1, DstId: 4, Count: 3 } && Math.Abs(r.Weight - (3.0 / 35)) < 1e-12);
        Assert.Contains(rows, r => r is { SrcId: 3, DstId: 1, Count: 2 } && Math.Abs(r.Weight - (2.0 / 6)) < 1e-12);
    }

    [Fact]
    public void Build_AllInputs_ComputesEveryKindWithItsScore()
    {
        // Each membership is the hand-worked example of CoOccurrenceTests / AudioSimilarityTests, reduced:
        // playlists 101 {1, 2, 3}, 102 {1, 2}: (1,2) count 2, 1/3 + 1/2; (1,3), (2,3) count 1, 1/3.
        var inputs = new RelationInputs
        {
            PlaylistTracks = Of((101, [1, 2, 3]), (102, [1, 2])),
            PlaylistArtists = Of((101, [50, 51]), (102, [50, 51, 52, 53])),   // (50,51): 1/2 + 1/4 = 3/4
            ListenerArtists = Of((1, [10, 11]), (2, [10, 11, 12]), (3, [10])), // (10,11): 2/√(3·2)
            ArtistTags = Of((7, [20, 21]), (8, [20])),                         // (20,21): 1/(2+1−1) = 1/2
            TrackTags = Of((7, [1, 2]), (8, [1, 2]), (9, [2])),                // (1,2): 2/(2+3−2) = 2/3
            TrackCredits = Of((1, [50, 51]), (2, [50, 51]), (3, [50])),        // (50,51): 2
            UserLikedTracks = Of((1, [1, 2, 3]), (2, [1, 2, 3, 4])),           // (u1,u2): 3 common, 3/4
            UserLikedArtists = Of((1, [60, 61]), (2, [60])),                   // (60,61): 1/√(2·1)
            AudioTrackIds = [1, 2, 3],
            AudioFeatures = [[0.0], [1.0], [3.0]],                             // z sign −, −, + → cos(1,2) = 1
        };

        var result = RelationEngine.Build(inputs, new RelateOptions { AudioThreshold = 0.9 });

        Assert.Equal(RelationKinds.All.OrderBy(k => k), result.Keys.OrderBy(k => k));
        Assert.All(result, pair => Assert.All(pair.Value, r => Assert.Equal(pair.Key, r.Kind)));
        AssertRow(result, RelationKind.TrackCoPlaylist, 1, 2, 5.0 / 6, 2);
        AssertRow(result, RelationKind.ArtistCoPlaylist, 50, 51, 0.75, 2);
        AssertRow(result, RelationKind.ArtistCoListen, 10, 11, 2 / Math.Sqrt(6), 2);
        AssertRow(result, RelationKind.ArtistTagOverlap, 21, 20, 0.5, 1);
        AssertRow(result, RelationKind.TrackTagOverlap, 1, 2, 2.0 / 3, 2);
        AssertRow(result, RelationKind.ArtistCollaboration, 51, 50, 2.0, 2);
        AssertRow(result, RelationKind.TrackAudioSimilarity, 1, 2, 1.0, 0);
        Assert.Equal(2, result[RelationKind.TrackAudioSimilarity].Count);
        Assert.Empty(result[RelationKind.UserJaccard]); // at most 2 artists per user < 3 common
        AssertRow(result, RelationKind.UserLikeJaccard, 2, 1, 0.75, 3);
        AssertRow(result, RelationKind.ArtistCoLibrary, 61, 60, 1 / Math.Sqrt(2), 1);
    }

    [Fact]
    public void Build_MissingInputs_OmitsTheirKinds()
    {
        var inputs = new RelationInputs { TrackCredits = Of((1, [50, 51])), TrackTags = new Bipartite([], [0], []) };

        var result = RelationEngine.Build(inputs, new RelateOptions());

        Assert.Equal([RelationKind.ArtistCollaboration], result.Keys);
    }

    [Fact]
    public void Build_KindsSubset_ComputesOnlyThose()
    {
        var progress = new List<string>();
        var inputs = new RelationInputs { ListenerArtists = Listeners, TrackCredits = Of((1, [50, 51])) };

        var result = RelationEngine.Build(inputs, new RelateOptions { Kinds = new HashSet<RelationKind> { RelationKind.UserJaccard } }, new SyncProgress(progress));

        Assert.Equal([RelationKind.UserJaccard], result.Keys);
        Assert.Equal(2, progress.Count);
        Assert.StartsWith("user_jaccard", progress[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AudioIdsWithoutFeatures_Throws() =>
        Assert.Throws<ArgumentException>(() => RelationEngine.Build(new RelationInputs { AudioTrackIds = [1] }, new RelateOptions()));

    [Fact]
    public void Build_LocalAudioFeaturesWithoutIds_Throws() =>
        Assert.Throws<ArgumentException>(() => RelationEngine.Build(new RelationInputs { LocalAudioFeatures = [[1.0]] }, new RelateOptions()));

    // Two audio spaces, each standardized on its own tracks:
    //   Spotify: tracks 1, 2, 3 with one feature 0, 1, 3: mean 4/3, z signs −, −, + → cos(1,2) = 1, cos(1,3) = cos(2,3) = −1.
    //   Local:   tracks 2, 3, 4 with (0, 0), (1, 1), (2, 3). Column 1: mean 1, sd √(2/3) → z = −√1.5, 0, √1.5.
    //            Column 2: mean 4/3, Σ(x − mean)² = 42/9, sd = √14/3 → z = −4/√14, −1/√14, 5/√14.
    //            |z₂|² = 3/2 + 16/14 = 37/14, |z₃|² = 1/14, |z₄|² = 3/2 + 25/14 = 46/14:
    //            cos(2,3) = (4/14)/√(37/14 · 1/14) = 4/√37 ≈ 0.6576; cos(3,4) = (−5/14)/√(46/14 · 1/14) = −5/√46;
    //            cos(2,4) = (−3/2 − 20/14)/√(37/14 · 46/14) = −41/√1702.
    private static readonly RelationInputs TwoSpaces = new()
    {
        AudioTrackIds = [1, 2, 3],
        AudioFeatures = [[0.0], [1.0], [3.0]],
        LocalAudioTrackIds = [4, 3, 2],
        LocalAudioFeatures = [[2.0, 3.0], [1.0, 1.0], [0.0, 0.0]],
    };

    [Fact]
    public void Build_SpotifyAndLocalAudio_MergesThePairsOfBothSpaces()
    {
        var result = RelationEngine.Build(TwoSpaces, new RelateOptions { AudioThreshold = 0.5 });

        AssertRows([(1, 2, 1, 0), (2, 1, 1, 0), (2, 3, 4 / Math.Sqrt(37), 0), (3, 2, 4 / Math.Sqrt(37), 0)], result[RelationKind.TrackAudioSimilarity]);
    }

    [Fact]
    public void Build_SpotifyAndLocalAudioTopOne_KeepsEachTracksStrongestPairAcrossSpaces()
    {
        // Track 2's local neighbour 3 (0.6576) loses to its Spotify neighbour 1 (1.0); track 3 keeps 2.
        var result = RelationEngine.Build(TwoSpaces, new RelateOptions { AudioThreshold = 0.5, AudioTopK = 1 });

        AssertRows([(1, 2, 1, 0), (2, 1, 1, 0), (3, 2, 4 / Math.Sqrt(37), 0)], result[RelationKind.TrackAudioSimilarity]);
    }

    [Fact]
    public void Build_OnlyLocalAudio_RelatesTheAnalysedTracks()
    {
        var inputs = TwoSpaces with { AudioTrackIds = [], AudioFeatures = [] };

        var result = RelationEngine.Build(inputs, new RelateOptions { AudioThreshold = -1, Kinds = new HashSet<RelationKind> { RelationKind.TrackAudioSimilarity } });

        AssertRows(
            [
                (2, 3, 4 / Math.Sqrt(37), 0), (2, 4, -41 / Math.Sqrt(1702), 0),
                (3, 2, 4 / Math.Sqrt(37), 0), (3, 4, -5 / Math.Sqrt(46), 0),
                (4, 3, -5 / Math.Sqrt(46), 0), (4, 2, -41 / Math.Sqrt(1702), 0),
            ],
            result[RelationKind.TrackAudioSimilarity]);
    }

    [Theory]
    [InlineData(0, 0.7, 3, 0.1)]
    [InlineData(50, 1.2, 3, 0.1)]
    [InlineData(50, 0.7, 0, 0.1)]
    [InlineData(50, 0.7, 3, -0.1)]
    public void Build_OptionOutOfRange_Throws(int audioTopK, double audioThreshold, int minCommon, double minJaccard)
    {
        var options = new RelateOptions { AudioTopK = audioTopK, AudioThreshold = audioThreshold, UserMinCommon = minCommon, UserMinJaccard = minJaccard };

        Assert.Throws<ArgumentOutOfRangeException>(() => RelationEngine.Build(new RelationInputs(), options));
    }

    private static void AssertRow(IReadOnlyDictionary<RelationKind, IReadOnlyList<Relation>> result, RelationKind kind, long src, long dst, double weight, int count)
    {
        var row = Assert.Single(result[kind], r => r.SrcId == src && r.DstId == dst);
        Assert.Equal(count, row.Count);
        Assert.Equal(weight, row.Weight, 12);
    }

    /// <summary>Records reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
