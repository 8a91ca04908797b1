namespace SoundGraph.Taste.Time;

/// <summary>Siegmund's (1985) approximation of a tabular CUSUM's average run length (ARL), the yardstick of the
/// synthetic evaluation (Montgomery, Introduction to Statistical Quality Control, ch. 9).</summary>
/// <remarks>
/// One-sided: ARL = (e^(−2Δb) + 2Δb − 1) / (2Δ²), with Δ = δ − k for S⁺ (Δ = −δ − k for S⁻), b = h + 1.166, and b² when
/// Δ = 0. Two-sided: 1/ARL = 1/ARL⁺ + 1/ARL⁻. For k = 0.5, h = 4: one-sided ARL₀ ≈ 338 steps, two-sided ≈ 169 (Montgomery's
/// table of two-sided ARLs, computed exactly: 168); ARL₁ ≈ 8.34, 4.67, 3.22 and 1.99 for shifts of 1, 1.5, 2 and 3 sd (table: 8.38,
/// 4.75, 3.34, 2.19). Run lengths count the alarm step and start from zero sums.
/// </remarks>
public static class SiegmundArl
{
    /// <summary>The ARL of the upper sum S⁺ alone for a mean shifted by <paramref name="shiftSd"/> sd.</summary>
    /// <param name="shiftSd">The true mean shift δ, sd (0 for the in-control ARL₀).</param>
    /// <param name="k">Reference value, sd.</param>
    /// <param name="h">Decision interval, sd.</param>
    /// <returns>Expected steps to the alarm, ≥ 1 in practice.</returns>
    public static double OneSided(double shiftSd, double k, double h)
    {
        var delta = shiftSd - k;
        var b = h + 1.166;
        return delta == 0 ? b * b : (Math.Exp(-2 * delta * b) + (2 * delta * b) - 1) / (2 * delta * delta);
    }

    /// <summary>The ARL of the two-sided CUSUM (S⁺ and S⁻) for a mean shifted by <paramref name="shiftSd"/> sd:
    /// 1 / (1/ARL⁺(δ) + 1/ARL⁻(δ)).</summary>
    /// <param name="shiftSd">The true mean shift δ, sd (0 for the in-control ARL₀).</param>
    /// <param name="k">Reference value, sd.</param>
    /// <param name="h">Decision interval, sd.</param>
    public static double TwoSided(double shiftSd, double k, double h) =>
        1 / ((1 / OneSided(shiftSd, k, h)) + (1 / OneSided(-shiftSd, k, h)));
}
