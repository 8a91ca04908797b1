using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class TagMixTests
{
    [Fact]
    public void Diversity_NothingTagged_IsNull()
    {
        var mix = new TagMix();
        mix.Add(3, null);
        mix.Add(2, new Dictionary<string, double>());
        mix.Add(1, new Dictionary<string, double> { ["rock"] = 0, ["pop"] = double.NaN });

        Assert.Null(mix.Diversity());
    }

    [Fact]
    public void Diversity_OneTag_ZeroBitsOneEffectiveTag()
    {
        var mix = new TagMix();
        mix.Add(4, new Dictionary<string, double> { ["rock"] = 7 });
        mix.Add(1, null);

        var d = mix.Diversity()!;
        Assert.Equal(0, d.Bits, 12);
        Assert.Equal(1, d.EffectiveTags, 12);
        Assert.Equal(0.8, d.TaggedShare, 12);   // 4 of 5 minutes tagged
    }

    [Fact]
    public void Diversity_HandWorked_MinutesSplitByWeight()
    {
        // Track A (6 min): rock 2, indie 1 → rock 4 min, indie 2 min. Track B (2 min): jazz → 2 min.
        // p = (4, 2, 2) / 8 = (0.5, 0.25, 0.25) → H = 0.5·1 + 2·0.25·2 = 1.5 bits; 2^1.5 = 2.828…
        var mix = new TagMix();
        mix.Add(6, new Dictionary<string, double> { ["rock"] = 2, ["indie"] = 1 });
        mix.Add(2, new Dictionary<string, double> { ["jazz"] = 100 });

        var d = mix.Diversity()!;
        Assert.Equal(1.5, d.Bits, 12);
        Assert.Equal(Math.Pow(2, 1.5), d.EffectiveTags, 12);
        Assert.Equal(1, d.TaggedShare, 12);
    }

    [Fact]
    public void Add_OnlyTheTopFiveTagsShare_TiesByName()
    {
        // Seven tags: weights 9, 8, 7, 6 and three at 5 (e, f, g) → the fifth is "e" (ordinal), f and g are out.
        // Two tracks with the same seven tags give the same distribution whatever the dictionary order.
        var tags = new Dictionary<string, double> { ["g"] = 5, ["a"] = 9, ["f"] = 5, ["b"] = 8, ["c"] = 7, ["d"] = 6, ["e"] = 5 };
        var mix = new TagMix();
        mix.Add(35, tags);
        var reversed = new TagMix();
        reversed.Add(35, tags.Reverse().ToDictionary(p => p.Key, p => p.Value));

        // p = (9, 8, 7, 6, 5) / 35.
        var expected = new[] { 9.0, 8, 7, 6, 5 }.Sum(w => -(w / 35) * Math.Log2(w / 35));
        Assert.Equal(expected, mix.Diversity()!.Bits, 12);
        Assert.Equal(expected, reversed.Diversity()!.Bits, 12);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Add_BadMinutes_Throws(double minutes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TagMix().Add(minutes, null));

    [Fact]
    public void WeeklyAggregator_WithTags_PerWeekTagDiversity()
    {
        // Week 2021-W01: track 1 (3 min, "folk"), track 2 (1 min, "metal"); W02: track 1 (2 min). Track 3 untagged.
        var tags = new Dictionary<long, IReadOnlyDictionary<string, double>>
        {
            [1] = new Dictionary<string, double> { ["folk"] = 1 },
            [2] = new Dictionary<string, double> { ["metal"] = 1 },
        };
        var plays = new Play[]
        {
            new(new DateTimeOffset(2021, 1, 5, 10, 0, 0, TimeSpan.Zero), 1, 180_000),
            new(new DateTimeOffset(2021, 1, 6, 10, 0, 0, TimeSpan.Zero), 2, 60_000),
            new(new DateTimeOffset(2021, 1, 7, 10, 0, 0, TimeSpan.Zero), 3, 60_000),
            new(new DateTimeOffset(2021, 1, 12, 10, 0, 0, TimeSpan.Zero), 1, 120_000),
        };

        var weeks = WeeklyAggregator.Aggregate(plays, _ => null, TimeZoneInfo.Utc, t => tags.GetValueOrDefault(t)).Weeks;
        var withoutTags = WeeklyAggregator.Aggregate(plays, _ => null, TimeZoneInfo.Utc).Weeks;

        // W01: p = (3/4, 1/4) → H = −0.75 log₂ 0.75 − 0.25 log₂ 0.25 = 0.811278…; 4 of 5 minutes tagged.
        Assert.Equal(0.811278124459133, weeks[0].TagDiversity!.Bits, 12);
        Assert.Equal(0.8, weeks[0].TagDiversity!.TaggedShare, 12);
        Assert.Equal(0, weeks[1].TagDiversity!.Bits, 12);
        Assert.All(withoutTags, w => Assert.Null(w.TagDiversity));
    }
}
