namespace SoundGraph.Taste.Axes;

/// <summary>How <see cref="AxisSmoothing.Smooth"/> propagates and pools.</summary>
public sealed record SmoothingOptions
{
    /// <summary>Propagation stops when no value changed by more than this in a sweep, in the axis's unit.</summary>
    /// <value>Default 1e-6 (0–1 axes; for tempo in BPM it is correspondingly strict). &gt; 0.</value>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Sweep cap; the result says whether it converged first.</summary>
    /// <value>Default 1,000, at least 1.</value>
    public int MaxIterations { get; init; } = 1_000;

    /// <summary>Confidence kept per hop: a propagated value's confidence is max over known tracks s of
    /// confidence(s) · decay^hops(s).</summary>
    /// <value>Default 0.7 (one hop 0.7, three hops 0.34 of the source's confidence). In (0, 1].</value>
    public double HopDecay { get; init; } = 0.7;

    /// <summary>κ for the artist pooling instead of estimating it (<see cref="ArtistPooling.Estimate"/>), ≥ 0.</summary>
    /// <value>Default null: estimated from the data.</value>
    public double? Kappa { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its documented range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1);
        if (Tolerance is not > 0 || !double.IsFinite(Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be finite and > 0.");
        }

        if (HopDecay is not (> 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HopDecay), HopDecay, "HopDecay must be in (0, 1].");
        }

        if (Kappa is { } k && (!double.IsFinite(k) || k < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Kappa), Kappa, "Kappa must be finite and ≥ 0.");
        }
    }
}
