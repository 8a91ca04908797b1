namespace SoundGraph.Taste.Time;

/// <summary>How spread a week's listening is over the energy × valence grid (<see cref="EnergyValenceGrid"/>).</summary>
/// <param name="Bits">Shannon entropy H = −Σ pᵢ log₂ pᵢ of the minutes' distribution over the nine cells, bits,
/// 0 (one cell) to log₂ 9 ≈ 3.17 (all nine equally).</param>
/// <param name="Normalized">H / log₂ 9, 0–1.</param>
public sealed record Diversity(double Bits, double Normalized);
