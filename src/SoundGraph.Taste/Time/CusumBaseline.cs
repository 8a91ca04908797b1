namespace SoundGraph.Taste.Time;

/// <summary>What each week's centroid is standardized against before the CUSUM: the in-control mean and sd that a
/// z-score is taken from.</summary>
/// <remarks><see cref="ChangePointDetector"/> takes <see cref="SelfStarting"/> (the default of
/// <see cref="CusumOptions.Baseline"/>) or <see cref="WholeHistory"/>; <see cref="Known"/> exists only for the SYNTHETIC
/// evaluation (<see cref="SyntheticCusumEvaluation"/>), whose series have a true in-control mean and sd. Measured on
/// two-year series shifted after the first year (2,000 runs, seed 16), mean weeks to find a 1 / 1.5 / 2 / 3-sd shift:
/// Known 7.9 / 4.4 / 3.1 / 2.0, SelfStarting 10.1 / 5.5 / 3.6 / 2.4, WholeHistory 25.6 / 20.7 / 16.3 / 12.3; details on
/// <see cref="ChangePointDetector"/>.</remarks>
public enum CusumBaseline
{
    /// <summary>By the true in-control mean 0 and sd 1, as the ARL theory assumes: measures the CUSUM itself. Synthetic
    /// evaluation only.</summary>
    Known,

    /// <summary>By the series' own whole-history mean and sample sd (<see cref="AxisBaseline"/>). Looks ahead: a lasting
    /// shift moves the baseline half-way (for a mid-history shift), so it is found late and the weeks before it read as
    /// a shift the other way.</summary>
    WholeHistory,

    /// <summary>Self-starting (Hawkins 1987; <see cref="SelfStartingCusum"/>): each week against the mean and sd of the
    /// weeks since the start or the last change, before it, through Hawkins's exact transformation to N(0, 1); no
    /// look-ahead. The detector's default.</summary>
    SelfStarting,
}
