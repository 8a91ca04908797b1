using SoundGraph.Taste.Axes;

namespace SoundGraph.Taste.Tests.Axes;

public sealed class AxisSmoothingTests
{
    private static readonly Dictionary<long, long> NoArtists = [];
    private static readonly SmoothingOptions Exact = new() { Tolerance = 1e-13 };

    private static Dictionary<long, AxisValue> Known(params (long Track, double Value)[] values) =>
        values.ToDictionary(v => v.Track, v => new AxisValue(v.Value, AxisMethod.Spotify, 1));

    [Fact]
    public void Smooth_WeightedFourNodePath_HarmonicValues()
    {
        // 1 —1— 2 —1— 3 —2— 4 with 1 = 0 and 4 = 1 clamped: v₂ = v₃ / 2, v₃ = (v₂ + 2) / 3 ⇒ v₃ = 0.8, v₂ = 0.4.
        var graph = TrackGraph.FromEdges([new(1, 2, 1), new(2, 3, 1), new(3, 4, 2)]);

        var result = AxisSmoothing.Smooth(Known((1, 0), (4, 1)), graph, NoArtists, Exact);

        Assert.Equal(0.4, result.Values[2].Value, 10);
        Assert.Equal(0.8, result.Values[3].Value, 10);
        Assert.Equal("graph", result.Values[2].Method);
        Assert.Equal(0.7, result.Values[2].Confidence, 12); // one hop from a confidence-1 value
        Assert.Equal(new AxisValue(1, "spotify", 1), result.Values[4]);
        Assert.True(result.Converged);
    }

    [Fact]
    public void Smooth_UnitPath_LinearInterpolation()
    {
        var graph = TrackGraph.FromEdges([new(1, 2, 1), new(2, 3, 1), new(3, 4, 1)]);

        var result = AxisSmoothing.Smooth(Known((1, 0), (4, 1)), graph, NoArtists, Exact);

        Assert.Equal(1.0 / 3, result.Values[2].Value, 10);
        Assert.Equal(2.0 / 3, result.Values[3].Value, 10);
    }

    [Fact]
    public void Smooth_OneKnownEnd_ConfidenceDecaysPerHop()
    {
        var graph = TrackGraph.FromEdges([new(1, 2, 1), new(2, 3, 1), new(3, 4, 1)]);
        var known = new Dictionary<long, AxisValue> { [1] = new(0.3, AxisMethod.LocalAudio, 0.8) };

        var result = AxisSmoothing.Smooth(known, graph, NoArtists, new SmoothingOptions { HopDecay = 0.5 });

        Assert.Equal(0.3, result.Values[4].Value, 6);
        Assert.Equal(0.4, result.Values[2].Confidence, 12);
        Assert.Equal(0.1, result.Values[4].Confidence, 12);
    }

    [Fact]
    public void Smooth_RepeatedEdge_WeightsAdd()
    {
        // (1, 2) given twice → weight 2 towards 0, weight 1 towards 1: v₂ = 1/3.
        var graph = TrackGraph.FromEdges([new(1, 2, 1), new(2, 1, 1), new(2, 3, 1), new(3, 3, 5)]);

        var result = AxisSmoothing.Smooth(Known((1, 0), (3, 1)), graph, NoArtists, Exact);

        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(1.0 / 3, result.Values[2].Value, 10);
    }

    [Fact]
    public void Smooth_TracksOutsideReach_GetPooledArtistValueOrNothing()
    {
        // 1–2 known component; 5–6 a component without known values; 7 no edges. Artist 10 owns 1, 2, 6, 7; 8 has no artist.
        var graph = TrackGraph.FromEdges([new(1, 2, 1), new(5, 6, 1)]);
        var artists = new Dictionary<long, long> { [1] = 10, [2] = 10, [3] = 20, [6] = 10, [7] = 10, [8] = 30 };

        var result = AxisSmoothing.Smooth(Known((1, 0.2), (2, 0.4), (3, 0.9)), graph, artists, new SmoothingOptions { Kappa = 1 });

        // μ = 0.5; artist 10: (2·0.3 + 1·0.5) / 3; confidence 2/3 · 1/2.
        Assert.Equal("artist", result.Values[7].Method);
        Assert.Equal(1.1 / 3, result.Values[7].Value, 12);
        Assert.Equal(1.0 / 3, result.Values[7].Confidence, 12);
        Assert.Equal(result.Values[7], result.Values[6]);
        Assert.False(result.Values.ContainsKey(5)); // no known neighbour, no artist
        Assert.False(result.Values.ContainsKey(8)); // artist without a known track
        Assert.Equal(5, result.Values.Count);
    }

    [Fact]
    public void Smooth_IterationCap_ReportsNotConverged()
    {
        var edges = Enumerable.Range(1, 50).Select(i => new TrackEdge(i, i + 1, 1)).ToArray();

        var result = AxisSmoothing.Smooth(Known((1, 0), (51, 1)), TrackGraph.FromEdges(edges), NoArtists, new SmoothingOptions { MaxIterations = 3 });

        Assert.False(result.Converged);
        Assert.Equal(3, result.Iterations);
    }

    [Fact]
    public void Smooth_BadInputs_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrackGraph.FromEdges([new(1, 2, 0)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrackGraph.FromEdges([new(1, 2, double.NaN)]));
        var graph = TrackGraph.FromEdges([new(1, 2, 1)]);
        Assert.Throws<ArgumentException>(() => AxisSmoothing.Smooth(Known((1, double.NaN)), graph, NoArtists));
        Assert.Throws<ArgumentOutOfRangeException>(() => AxisSmoothing.Smooth(Known((1, 0)), graph, NoArtists, new SmoothingOptions { HopDecay = 0 }));
    }

    [Fact]
    public void Validate_SyntheticSmoothChainWithArtists_HiddenValuesRecovered()
    {
        // SYNTHETIC: 400 tracks on a chain whose value rises along it (v = i/400 + small noise); every fourth track
        // has no edges but shares an artist with its three neighbours (artists own 4 consecutive tracks).
        var random = new SplitMix64(1);
        var known = Enumerable.Range(0, 400).ToDictionary(
            i => (long)i, i => new AxisValue(i / 400.0 + 0.02 * random.NextDouble(), AxisMethod.Spotify, 1));
        var edges = Enumerable.Range(0, 399).Where(i => i % 4 != 3 && (i + 1) % 4 != 3).Select(i => new TrackEdge(i, i + 1, 1))
            .Concat(Enumerable.Range(0, 399).Where(i => i % 4 == 2).Select(i => new TrackEdge(i, i + 2, 1)));
        var artists = Enumerable.Range(0, 400).ToDictionary(i => (long)i, i => (long)(i / 4));

        var validation = AxisSmoothing.Validate(known, TrackGraph.FromEdges(edges), artists, hiddenFraction: 0.25, seed: 4);
        var again = AxisSmoothing.Validate(known, TrackGraph.FromEdges(edges), artists, hiddenFraction: 0.25, seed: 4);

        Assert.Equal(100, validation.HiddenCount);
        Assert.Equal(validation.All, again.All);
        Assert.True(validation.All.Rho > 0.95, $"ρ = {validation.All.Rho}");
        Assert.True(validation.Graph.Count > 0 && validation.Artist.Count > 0);
        Assert.Equal(validation.CoveredCount, validation.Graph.Count + validation.Artist.Count);
        Assert.True(validation.Artist.Rho > 0.9, $"artist ρ = {validation.Artist.Rho}");
        Assert.True(validation.ModelMae < validation.BaselineMae / 5);
    }
}
