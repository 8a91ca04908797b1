using SoundGraph.Taste.Mixtape;
using static SoundGraph.Taste.Tests.Mixtape.SyntheticMixtapes;

namespace SoundGraph.Taste.Tests.Mixtape;

public sealed class MmrSelectionTests
{
    private static readonly MixtapeOptions NoPlays = new() { PlaysWeight = 0 };

    // The hand-worked case: one kernel for both terms (r = 1) and λ 0.7 keep the arithmetic short.
    private static readonly MixtapeOptions OneKernel = new() { PlaysWeight = 0, Lambda = 0.7, DiversityBandwidthRatio = 1 };

    private static MixtapeCluster Around(List<MixtapeCandidate> members, AxisPoint centre, AxisPoint spread) =>
        new(1, null, [], [.. members.Select(m => m.TrackId)], members[0].TrackId, centre, spread, members.Sum(m => m.Weight), 1);

    [Fact]
    public void Select_HandWorked_CentreFirstThenVarietyThenTheDuplicate()
    {
        // Hand-worked, 25-minute tracks, target 75: A at the centre; B = A's twin by A's artist; C 6 BPM faster by another
        // artist; D far away. h² = (0 + 0 + 0.03² + 0.31) / 4 = 0.077725. rel: A = B = 1, C = e^(−0.0009/2h²) = 0.99423,
        // D = e^(−0.31/2h²) = 0.1361. Pick 1: A (tied with B, lower id). Pick 2: B scores 0.7 − 0.3·(1 + 0.5) = 0.25,
        // C 0.7·0.99423 − 0.3·0.99423 = 0.3977, D ≈ 0.054: C. Pick 3: B 0.25 beats D ≈ 0.051; 75 min reached.
        var a = Track(1, 0.6, 0.5, 0.6, 120, durationS: 1500, artist: 10);
        var b = Track(2, 0.6, 0.5, 0.6, 120, durationS: 1500, artist: 10);
        var c = Track(3, 0.6, 0.5, 0.6, 126, durationS: 1500, artist: 20);
        var d = Track(4, 0.9, 0.2, 0.3, 160, durationS: 1500, artist: 30);
        var cluster = Around([a, b, c, d], new AxisPoint(0.6, 0.5, 0.6, 120), new AxisPoint(0.1, 0.1, 0.1, 10));

        var (picks, pool, bandwidth) = MmrSelection.Select([a, b, c, d], cluster, OneKernel);

        Assert.Equal(4, pool);
        Assert.Equal(Math.Sqrt(0.077725), bandwidth, 12);
        Assert.Equal([1L, 3, 2], picks.Select(p => p.Candidate.TrackId));
        Assert.Equal(0.7 * Math.Exp(-0.0009 / (2 * 0.077725)) - 0.3 * Math.Exp(-0.0009 / (2 * 0.077725)), picks[1].Score, 12);
        Assert.Equal(0.25, picks[2].Score, 12);
        Assert.Equal(1.5, picks[2].Redundancy, 12);
        Assert.Equal([null, 1L, 1L], picks.Select(p => p.NearestPickTrackId));
        Assert.Equal("closest to the week's centre on energy and valence", picks[0].Explanation);
        Assert.Equal("adds variety: different artist, 6 BPM faster; near the week's centre on energy and valence", picks[1].Explanation);
        Assert.Equal("closest to the week's centre on energy and valence", picks[2].Explanation);
    }

    [Fact]
    public void Select_NarrowDiversityKernel_RedundancyUsesHalfTheBandwidth()
    {
        // As above with the default r = 0.5 and λ 0.6: C's redundancy after A is e^(−0.0009 / (2 · 0.077725 · 0.25)).
        var a = Track(1, 0.6, 0.5, 0.6, 120, durationS: 1500, artist: 10);
        var c = Track(3, 0.6, 0.5, 0.6, 126, durationS: 1500, artist: 20);
        var d = Track(4, 0.9, 0.2, 0.3, 160, durationS: 1500, artist: 30);
        var cluster = Around([a, c, d], new AxisPoint(0.6, 0.5, 0.6, 120), new AxisPoint(0.1, 0.1, 0.1, 10));
        var h2 = (0.0009 + 0.31) / 3;

        var (picks, _, _) = MmrSelection.Select([a, c, d], cluster, NoPlays);

        Assert.Equal([1L, 3, 4], picks.Select(p => p.Candidate.TrackId));
        Assert.Equal(Math.Exp(-0.0009 / (2 * h2 * 0.25)), picks[1].Redundancy, 12);
        Assert.Equal(0.6 * Math.Exp(-0.0009 / (2 * h2)) - 0.4 * picks[1].Redundancy, picks[1].Score, 12);
    }

    [Fact]
    public void Select_OneArtistOwnsTheCentre_NoArtistMoreThanTwice()
    {
        var own = Enumerable.Range(1, 10).Select(i => Track(i, 0.6, 0.5, 0.6, 120 + i * 0.1, durationS: 300, artist: 1)).ToList();
        var others = Enumerable.Range(11, 20).Select(i => Track(i, 0.6 + (i - 10) * 0.01, 0.5, 0.6, 120, durationS: 300)).ToList();
        var all = own.Concat(others).ToList();

        var (picks, _, _) = MmrSelection.Select(all, Around(all, new AxisPoint(0.6, 0.5, 0.6, 120), new AxisPoint(0.05, 0.05, 0.05, 5)), new MixtapeOptions { TargetMinutes = 60, Lambda = 1 });

        // λ 1: relevance alone would take all ten of artist 1's central tracks first; the cap stops at two.
        Assert.Equal([1L, 2], picks.Take(2).Select(p => p.Candidate.TrackId));
        Assert.Equal(2, picks.Count(p => p.Candidate.ArtistIds.Contains(1)));
        Assert.All(picks.SelectMany(p => p.Candidate.ArtistIds).GroupBy(x => x), g => Assert.True(g.Count() <= 2));
        Assert.Equal(60, picks.Sum(p => p.Candidate.DurationS) / 60, 9);
    }

    [Fact]
    public void Select_SevenMinuteTracksTarget90_StopsAt84RatherThanPass90()
    {
        var all = Enumerable.Range(1, 30).Select(i => Track(i, 0.5 + i * 0.005, 0.5, 0.5, 120, durationS: 420)).ToList();

        var (picks, _, _) = MmrSelection.Select(all, Around(all, new AxisPoint(0.5, 0.5, 0.5, 120), new AxisPoint(0.05, 0.05, 0.05, 5)), new MixtapeOptions { TargetMinutes = 90 });

        Assert.Equal(12, picks.Count);
        Assert.Equal(84, picks.Sum(p => p.Candidate.DurationS) / 60, 9);
    }

    [Fact]
    public void Select_OneArtistOnly_FailsNamingTheCap()
    {
        var all = Enumerable.Range(1, 20).Select(i => Track(i, 0.5, 0.5, 0.5, 120 + i, durationS: 300, artist: 7)).ToList();

        var error = Assert.Throws<MixtapeTooShortException>(() =>
            MmrSelection.Select(all, Around(all, new AxisPoint(0.5, 0.5, 0.5, 120), new AxisPoint(0.05, 0.05, 0.05, 5)), new MixtapeOptions()));

        Assert.Equal("Only 10.0 min of tracks fit with at most 2 per artist (from 20 tracks near the week's centre); a mixtape needs at least 60 min.", error.Message);
        Assert.Equal(10, error.AvailableMinutes!.Value, 9);
    }

    [Fact]
    public void Select_LambdaOne_TakesTracksByRelevanceAlone()
    {
        var all = Enumerable.Range(1, 20).Select(i => Track(i, 0.5 + (i % 5) * 0.02 + i * 0.001, 0.5, 0.5, 120, durationS: 300)).ToList();
        var cluster = Around(all, new AxisPoint(0.5, 0.5, 0.5, 120), new AxisPoint(0.05, 0.05, 0.05, 5));

        var (picks, _, _) = MmrSelection.Select(all, cluster, NoPlays with { Lambda = 1 });

        var byDistance = all.OrderBy(c => Math.Abs(c.Energy - 0.5)).ThenBy(c => c.TrackId).Take(picks.Count).Select(c => c.TrackId);
        Assert.Equal(byDistance, picks.Select(p => p.Candidate.TrackId));
    }

    [Fact]
    public void Select_ClusterTooShort_WidensWithTheNearestOutsiders()
    {
        // The cluster holds 40 min; once it is used up, the nearest outsiders (ids 11, 12, …) join one at a time.
        var inside = Enumerable.Range(1, 10).Select(i => Track(i, 0.5, 0.5, 0.5, 120 + i, durationS: 240)).ToList();
        var outside = Enumerable.Range(11, 40).Select(i => Track(i, 0.5 + (i - 10) * 0.01, 0.5, 0.5, 120, durationS: 240)).ToList();

        var (picks, pool, _) = MmrSelection.Select([.. inside, .. outside], Around(inside, new AxisPoint(0.5, 0.5, 0.5, 125), new AxisPoint(0.05, 0.05, 0.05, 3)), NoPlays);

        Assert.Equal(10 + 9, pool);
        Assert.Equal(76, picks.Sum(p => p.Candidate.DurationS) / 60, 9);   // 18 × 4 = 72 < 75, so a 19th
        Assert.Equal(Enumerable.Range(11, 9).Select(i => (long)i), picks.Skip(10).Select(p => p.Candidate.TrackId));
        Assert.All(picks.Where(p => p.Candidate.TrackId > 10), p =>
        {
            Assert.False(p.InCluster);
            Assert.EndsWith("from outside the week's main cluster (the nearest left to its centre)", p.Explanation, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Select_ArtistCapLeavesTheClusterShort_WidensThePool()
    {
        // 30 central tracks by 3 artists: the cap lets 6 × 5 = 30 min in; then outsiders (one artist each) join one at a
        // time: 9 of them make 75 min.
        var inside = Enumerable.Range(1, 30).Select(i => Track(i, 0.5, 0.5, 0.5, 120 + i * 0.1, durationS: 300, artist: i % 3)).ToList();
        var outside = Enumerable.Range(31, 30).Select(i => Track(i, 0.5 + (i - 30) * 0.01, 0.5, 0.5, 120, durationS: 300)).ToList();

        var (picks, pool, _) = MmrSelection.Select([.. inside, .. outside], Around(inside, new AxisPoint(0.5, 0.5, 0.5, 121.5), new AxisPoint(0.05, 0.05, 0.05, 1)), NoPlays);

        Assert.Equal(30 + 9, pool);
        Assert.Equal(75, picks.Sum(p => p.Candidate.DurationS) / 60, 9);
        Assert.Equal(6, picks.Count(p => p.InCluster));
    }

    [Fact]
    public void Select_MostPlayedTrack_ExplanationSaysHowLong()
    {
        var all = Enumerable.Range(1, 20).Select(i => Track(i, 0.5, 0.5, 0.5, 120 + i, durationS: 300, minutes: i == 20 ? 42 : 4)).ToList();

        var (picks, _, _) = MmrSelection.Select(all, Around(all, new AxisPoint(0.5, 0.5, 0.5, 130), new AxisPoint(0.05, 0.05, 0.05, 6)), new MixtapeOptions(), "period");

        var loved = picks.Single(p => p.Candidate.TrackId == 20);
        Assert.Contains("played 42 min this period", loved.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(picks.Where(p => p.Candidate.TrackId != 20), p => p.Explanation.Contains("played", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("adds variety: different artist, 6 BPM faster; near the week's centre on energy", "adds variety: different artist, 6 BPM faster (vs #3); near the week's centre on energy")]
    [InlineData("closest to the week's centre on tempo; adds variety: 4 BPM slower", "closest to the week's centre on tempo; adds variety: 4 BPM slower (vs #3)")]
    [InlineData("closest to the week's centre on tempo", "closest to the week's centre on tempo")]
    public void WithReference_AfterTheVarietyClauseOnly(string explanation, string expected) =>
        Assert.Equal(expected, PickExplanation.WithReference(explanation, "#3"));

    [Theory]
    [InlineData(3, 6.4, "6 BPM faster")]
    [InlineData(3, -2.5, "3 BPM slower")]
    [InlineData(0, 0.123, "more energy (+0.12)")]
    [InlineData(0, -0.2, "calmer (-0.20)")]
    [InlineData(1, 0.15, "brighter (+0.15)")]
    [InlineData(1, -0.15, "darker (-0.15)")]
    [InlineData(2, 0.1, "more danceable (+0.10)")]
    [InlineData(2, -0.1, "less danceable (-0.10)")]
    public void Change_EachAxisAndDirection_InWords(int axis, double delta, string expected) => Assert.Equal(expected, PickExplanation.Change(axis, delta));

    [Fact]
    public void Centre_FarOnEveryAxis_NoCentrePhrase()
    {
        var far = Track(1, 0.2, 0.2, 0.2, 80);
        var near = Track(2, 0.52, 0.2, 0.2, 122);
        var cluster = Around([far, near], new AxisPoint(0.5, 0.5, 0.5, 120), new AxisPoint(0.05, 0.05, 0.05, 5));

        Assert.Null(PickExplanation.Centre(far, cluster, closest: true, "week"));
        Assert.Equal("near the week's centre on energy and tempo", PickExplanation.Centre(near, cluster, closest: false, "week"));
    }

    [Fact]
    public void Variety_SameArtistTinyDifferences_Nothing()
    {
        var a = Track(1, 0.5, 0.5, 0.5, 120, artist: 3);
        var b = Track(2, 0.52, 0.48, 0.5, 122, artist: 3);
        var cluster = Around([a, b], new AxisPoint(0.5, 0.5, 0.5, 120), new AxisPoint(0.05, 0.05, 0.05, 5));

        Assert.Empty(PickExplanation.Variety(b, a, cluster));
    }

    [Fact]
    public void Variety_LargestDifferencesInSpreadUnitsFirst()
    {
        // Δ energy 0.10 over sd 0.2 = 0.5; Δ valence −0.10 over sd 0.05 = 2; Δ tempo 12 BPM over sd 4 = 3.
        var a = Track(1, 0.5, 0.5, 0.5, 120);
        var b = Track(2, 0.6, 0.4, 0.5, 132);
        var cluster = Around([a, b], new AxisPoint(0.5, 0.5, 0.5, 120), new AxisPoint(0.2, 0.05, 0.05, 4));

        Assert.Equal(["different artist", "12 BPM faster", "darker (-0.10)"], PickExplanation.Variety(b, a, cluster));
    }
}
