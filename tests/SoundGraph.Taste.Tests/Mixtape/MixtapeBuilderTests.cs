using SoundGraph.Taste.Axes;
using SoundGraph.Taste.Mixtape;
using static SoundGraph.Taste.Tests.Mixtape.SyntheticMixtapes;

namespace SoundGraph.Taste.Tests.Mixtape;

public sealed class MixtapeBuilderTests
{
    private static List<MixtapeCandidate> SyntheticWeek(int seed)
    {
        // SYNTHETIC: a party blob (40 tracks by 20 artists, 3 min played each = 120 min) and a chill blob (25 tracks, 1 min
        // each): the party blob dominates.
        var rng = SplitMix64.Create(seed);
        return
        [
            .. Blob(rng, 1000, 40, new AxisPoint(0.8, 0.7, 0.75, 126), 0.05, 4, minutes: 3, durationS: 230, artists: 20),
            .. Blob(rng, 2000, 25, new AxisPoint(0.25, 0.3, 0.35, 80), 0.05, 4, minutes: 1, durationS: 260),
        ];
    }

    [Fact]
    public void Build_SyntheticWeek_DominantBlobWithinLimitsAndTheCaps()
    {
        var mix = MixtapeBuilder.Build(SyntheticWeek(5));

        Assert.Equal(2, mix.Cluster.K);
        Assert.All(mix.Tracks, t => Assert.InRange(t.Pick.Candidate.TrackId, 1000, 1039));
        Assert.InRange(mix.TotalMinutes, 75, 90);
        Assert.All(mix.Tracks.SelectMany(t => t.Pick.Candidate.ArtistIds).GroupBy(a => a), g => Assert.True(g.Count() <= 2, $"artist {g.Key} × {g.Count()}"));
        Assert.Equal(mix.Tracks.Min(t => t.Pick.Candidate.Energy), mix.Tracks[0].Pick.Candidate.Energy);
        Assert.Equal(mix.TotalMinutes * 60, mix.Tracks[^1].StartS + mix.Tracks[^1].Pick.Candidate.DurationS, 9);
        Assert.StartsWith("closest to the week's centre on ", mix.Tracks.Single(t => t.Pick.Rank == 1).Pick.Explanation, StringComparison.Ordinal);
        Assert.Contains(mix.Tracks, t => t.Pick.Explanation.StartsWith("adds variety: different artist", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SameCandidatesShuffled_SameMixtape()
    {
        var week = SyntheticWeek(11);
        var shuffled = week.ToArray();
        SplitMix64.Create(1).Shuffle<MixtapeCandidate>(shuffled);

        var a = MixtapeBuilder.Build(week);
        var b = MixtapeBuilder.Build(shuffled);

        Assert.Equal(a.Tracks.Select(t => (t.Pick.Candidate.TrackId, t.Pick.Explanation)), b.Tracks.Select(t => (t.Pick.Candidate.TrackId, t.Pick.Explanation)));
    }

    [Fact]
    public void Build_LessThanAnHourOfDistinctTracks_FailsWithTheMinutes()
    {
        var week = Enumerable.Range(1, 11).Select(i => Track(i, 0.5, 0.5, 0.5, 120, durationS: 300)).ToList();

        var error = Assert.Throws<MixtapeTooShortException>(() => MixtapeBuilder.Build(week));

        Assert.Equal("The week has only 55.0 min of distinct tracks with mood axes and a duration (11 tracks); a mixtape needs at least 60 min.", error.Message);
    }

    [Fact]
    public void Build_APodcastEpisode_LeftOutAsTooLong()
    {
        var week = Enumerable.Range(1, 20).Select(i => Track(i, 0.5, 0.5, 0.5, 120 + i, durationS: 240)).Append(Track(99, 0.5, 0.5, 0.5, 130, durationS: 44 * 60, minutes: 88)).ToList();

        var mix = MixtapeBuilder.Build(week);

        Assert.Equal(1, mix.TooLong);
        Assert.DoesNotContain(mix.Tracks, t => t.Pick.Candidate.TrackId == 99);
        Assert.Equal(
            "The week has only 56.0 min of distinct tracks with mood axes and a duration (14 tracks, 1 longer than 15 min left out); a mixtape needs at least 60 min.",
            Assert.Throws<MixtapeTooShortException>(() => MixtapeBuilder.Build(week.Skip(6).ToList())).Message);
    }

    [Theory]
    [InlineData(59.9)]
    [InlineData(90.1)]
    public void Build_TargetOutside60To90_Throws(double target) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MixtapeBuilder.Build([Track(1, 0.5, 0.5, 0.5, 120, durationS: 6000)], new MixtapeOptions { TargetMinutes = target }));

    [Fact]
    public void Build_ThreeLongTracks_AllThreeAndTheirExplanationsReachThePlaylist()
    {
        var week = new[]
        {
            Track(1, 0.7, 0.6, 0.7, 124, durationS: 1500, minutes: 25, key: "8A"),
            Track(2, 0.6, 0.5, 0.6, 118, durationS: 1500, minutes: 20, key: "9A"),
            Track(3, 0.8, 0.4, 0.8, 130, durationS: 1500, minutes: 10, key: "8B"),
        };
        var entries = week.ToDictionary(c => c.TrackId, c => new PlaylistEntry("T" + c.TrackId, "A" + c.TrackId, 1_500_000, null, null, null));

        var mix = MixtapeBuilder.Build(week, new MixtapeOptions { MaxTrackMinutes = 30 });
        var doc = MixtapePlaylist.ToDocument(mix, entries, "Mix", "SoundGraph");

        Assert.Equal(75, mix.TotalMinutes, 9);
        Assert.Equal([2L, 1, 3], mix.Tracks.Select(t => t.Pick.Candidate.TrackId));   // calmest first, then by key and tempo
        Assert.Equal(
            mix.Tracks.Select(t => t.Pick.NearestPickTrackId is { } n ? PickExplanation.WithReference(t.Pick.Explanation, $"“T{n}”") : t.Pick.Explanation),
            doc.Tracks.Select(t => t.Annotation));
        Assert.Equal(["T2", "T1", "T3"], doc.Tracks.Select(t => t.Title));
        Assert.Equal(
            "3 tracks, 75.0 min, chosen by MMR (λ 0.6) around the centre of the whole listening as one cluster (no k reached silhouette 0.25); ordered for flow from the calmest track by Camelot key and tempo.",
            doc.Annotation);
    }
}
