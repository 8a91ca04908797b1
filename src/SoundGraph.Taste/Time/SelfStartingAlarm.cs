namespace SoundGraph.Taste.Time;

/// <summary>One alarm of a self-starting CUSUM (<see cref="SelfStartingCusum.Run"/>), positions as indices into its
/// input.</summary>
/// <param name="Index">Where a sum first exceeded h.</param>
/// <param name="Direction">Up for S⁺, down for S⁻.</param>
/// <param name="Sum">The alarming sum at <paramref name="Index"/>, before the reset, in score units (N(0, 1) in
/// control; &gt; h).</param>
/// <param name="LastZeroIndex">The last index at which that sum was 0: the last week of the warm-up, of an alarm's
/// reset, or at which the sum fell back to 0 (Montgomery's estimate of the last in-control week); ≥
/// <paramref name="BaselineStart"/> + warm-up − 1, so never −1.</param>
/// <param name="BaselineStart">The first index of the baseline the alarm was raised against: 0, or the previous alarm's
/// <see cref="FirstShiftedIndex"/>.</param>
/// <param name="BaselineMean">Mean of the values from <paramref name="BaselineStart"/> through
/// <paramref name="LastZeroIndex"/> (at least the warm-up's worth), the values' unit.</param>
/// <param name="BaselineSd">Their sample sd (n − 1), raised to the sd floor where it is below it, the values' unit,
/// &gt; 0.</param>
/// <param name="ShiftedMean">Mean of the values from <see cref="FirstShiftedIndex"/> through
/// <paramref name="Index"/>, the values' unit.</param>
public sealed record SelfStartingAlarm(
    int Index,
    ShiftDirection Direction,
    double Sum,
    int LastZeroIndex,
    int BaselineStart,
    double BaselineMean,
    double BaselineSd,
    double ShiftedMean)
{
    /// <summary>The estimated first value of the new level, <see cref="LastZeroIndex"/> + 1; the next baseline starts
    /// here.</summary>
    public int FirstShiftedIndex => LastZeroIndex + 1;

    /// <summary>N, the values from <see cref="FirstShiftedIndex"/> through <see cref="Index"/>.</summary>
    public int RunLength => Index - LastZeroIndex;

    /// <summary>The estimated shift, the values' unit: <see cref="ShiftedMean"/> − <see cref="BaselineMean"/>, the
    /// level since the change start against the level before it. Signed; it agrees with <see cref="Direction"/> except
    /// in contrived series.</summary>
    public double Shift => ShiftedMean - BaselineMean;

    /// <summary><see cref="Shift"/> in the baseline's sd: <see cref="Shift"/> / <see cref="BaselineSd"/>.</summary>
    public double ShiftSd => Shift / BaselineSd;
}
