namespace SoundGraph.Taste.Time;

/// <summary>One alarm of a tabular CUSUM (<see cref="TabularCusum.Run"/>), positions as indices into its input.</summary>
/// <param name="Index">Where the sum first exceeded h.</param>
/// <param name="Direction">Up for S⁺, down for S⁻.</param>
/// <param name="Sum">The alarming sum at <paramref name="Index"/>, before the reset, sd (&gt; h).</param>
/// <param name="LastZeroIndex">The last index at which that sum was 0 (or was reset by an earlier alarm), −1 when it has
/// been positive since before the first value: Montgomery's estimate of the last in-control period.</param>
/// <param name="ShiftSd">Montgomery's estimate of the new level, signed, sd from the baseline mean:
/// ±(k + Sum / N) with N = <paramref name="Index"/> − <paramref name="LastZeroIndex"/> (his estimate of the new process mean).</param>
public sealed record CusumAlarm(int Index, ShiftDirection Direction, double Sum, int LastZeroIndex, double ShiftSd)
{
    /// <summary>N, the values since the sum was last 0, the alarm's included: Montgomery's N⁺ or N⁻.</summary>
    public int RunLength => Index - LastZeroIndex;
}
