namespace SoundGraph.Taste.Axes;

/// <summary>The outcome of <see cref="AxisSmoothing.Smooth"/> for one axis.</summary>
/// <param name="Values">Track id → value: the known values as given; <see cref="AxisMethod.Graph"/> for tracks reached
/// through the graph; <see cref="AxisMethod.Artist"/> for the other tracks whose artist has a pooled value.</param>
/// <param name="Iterations">Gauss–Seidel sweeps run.</param>
/// <param name="Converged">Whether the last sweep changed no value by more than the tolerance.</param>
/// <param name="Pool">The artist pooling estimates (μ, κ, per-artist means).</param>
public sealed record SmoothingResult(IReadOnlyDictionary<long, AxisValue> Values, int Iterations, bool Converged, ArtistPool Pool);

/// <summary>Fills in an axis for tracks without a measured or predicted value: label propagation over the track graph,
/// then, for tracks the graph does not reach, the artist's partially pooled mean.</summary>
/// <remarks>
/// <para>Propagation: the harmonic solution of Zhu and Ghahramani (2002, "Learning from labeled and unlabeled data with
/// label propagation", CMU-CALD-02-107; Zhu, Ghahramani and Lafferty, ICML 2003): known values are clamped and every
/// other node of a component that holds a known value converges to the weighted mean of its neighbours,
/// vᵢ = Σⱼ wᵢⱼ vⱼ / Σⱼ wᵢⱼ. Solved by Gauss–Seidel sweeps (same fixed point as the Jacobi iteration of the paper,
/// faster), from μ, until no value moves by more than <see cref="SmoothingOptions.Tolerance"/>. Zhou et al. (2004,
/// "Learning with local and global consistency") soften the clamping and normalise the graph symmetrically; SoundGraph
/// keeps measured values exact, hence the hard-clamped variant. Confidence: max over known tracks s of
/// confidence(s) · <see cref="SmoothingOptions.HopDecay"/>^hops(s), by a best-first search.</para>
/// <para>Tracks in components with no known value, or with no edge, get their artist's pooled mean
/// (<see cref="ArtistPooling"/>, estimated from the known values) with its confidence, when the artist has a known
/// track; otherwise no value. Cost: O(edges) per sweep.</para>
/// </remarks>
public static partial class AxisSmoothing
{
    /// <summary>Propagates one axis's known values over the graph and pools them per artist.</summary>
    /// <param name="known">Track id → known value (Spotify, local audio or tag prediction); clamped, and the only input
    /// of the artist pooling. Tracks need not be in the graph.</param>
    /// <param name="graph">The track graph.</param>
    /// <param name="trackArtists">Track id → (primary) artist id, for the pooling and the fallback; may be empty.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A known value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static SmoothingResult Smooth(
        IReadOnlyDictionary<long, AxisValue> known, TrackGraph graph, IReadOnlyDictionary<long, long> trackArtists, SmoothingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(trackArtists);
        options ??= new SmoothingOptions();
        options.Validate();
        if (known.FirstOrDefault(p => !double.IsFinite(p.Value.Value)) is { Value: not null } bad)
        {
            throw new ArgumentException($"Track {bad.Key} has a non-finite value.", nameof(known));
        }

        var mu = known.Count == 0 ? 0 : known.Values.Average(v => v.Value);
        var n = graph.NodeCount;
        var value = new double[n];
        var clamped = new bool[n];
        var confidence = new double[n];
        Array.Fill(confidence, -1);
        foreach (var (track, v) in known)
        {
            var i = graph.IndexOf(track);
            if (i >= 0)
            {
                clamped[i] = true;
                value[i] = v.Value;
                confidence[i] = Math.Clamp(v.Confidence, 0, 1);
            }
        }

        SpreadConfidence(graph, clamped, confidence, options.HopDecay);
        var free = Enumerable.Range(0, n).Where(i => !clamped[i] && confidence[i] >= 0).ToArray();
        foreach (var i in free)
        {
            value[i] = mu;
        }

        var (iterations, converged) = Propagate(graph, free, value, options);
        var pool = ArtistPooling.Estimate(known.ToDictionary(p => p.Key, p => p.Value.Value), trackArtists, options.Kappa);
        var values = new Dictionary<long, AxisValue>(known);
        foreach (var i in free)
        {
            values[graph.Tracks[i]] = new AxisValue(value[i], AxisMethod.Graph, confidence[i]);
        }

        foreach (var (track, artist) in trackArtists)
        {
            if (!values.ContainsKey(track) && pool.Artists.TryGetValue(artist, out var pooled))
            {
                values[track] = new AxisValue(pooled.PooledMean, AxisMethod.Artist, pooled.Confidence);
            }
        }

        return new SmoothingResult(values, iterations, converged, pool);
    }

    /// <summary>Gauss–Seidel sweeps over the free nodes until the largest change is under the tolerance.</summary>
    private static (int Iterations, bool Converged) Propagate(TrackGraph graph, int[] free, double[] value, SmoothingOptions options)
    {
        if (free.Length == 0)
        {
            return (0, true);
        }

        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            var largest = 0.0;
            foreach (var i in free)
            {
                double sum = 0, weight = 0;
                for (var k = graph.Start[i]; k < graph.Start[i + 1]; k++)
                {
                    sum += graph.Weights[k] * value[graph.Neighbours[k]];
                    weight += graph.Weights[k];
                }

                var next = sum / weight;
                largest = Math.Max(largest, Math.Abs(next - value[i]));
                value[i] = next;
            }

            if (largest <= options.Tolerance)
            {
                return (iteration, true);
            }
        }

        return (options.MaxIterations, false);
    }

    /// <summary>Best-first search from the clamped nodes: confidence(v) = max over paths of the source's confidence times
    /// decay per hop; nodes left at −1 are not reachable from any known value.</summary>
    private static void SpreadConfidence(TrackGraph graph, bool[] clamped, double[] confidence, double decay)
    {
        var queue = new PriorityQueue<int, double>();
        for (var i = 0; i < clamped.Length; i++)
        {
            if (clamped[i])
            {
                queue.Enqueue(i, -confidence[i]);
            }
        }

        while (queue.TryDequeue(out var u, out var priority))
        {
            if (-priority < confidence[u])
            {
                continue;
            }

            var next = confidence[u] * decay;
            for (var k = graph.Start[u]; k < graph.Start[u + 1]; k++)
            {
                var v = graph.Neighbours[k];
                if (!clamped[v] && next > confidence[v])
                {
                    confidence[v] = next;
                    queue.Enqueue(v, -next);
                }
            }
        }
    }
}
