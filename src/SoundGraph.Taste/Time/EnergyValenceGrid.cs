namespace SoundGraph.Taste.Time;

/// <summary>The 3 × 3 grid of energy × valence on which weekly diversity is measured.</summary>
/// <remarks>
/// Each axis is cut into thirds, [0, ⅓), [⅓, ⅔) and [⅔, 1] (values outside 0–1 fall in the nearest end third); cell =
/// 3 × energy third + valence third, 0–8, so cell 0 is low energy and low valence (sad, calm), 2 low energy and high
/// valence (peaceful), 6 high energy and low valence (angry, tense), 8 high energy and high valence (happy, excited):
/// Russell's circumplex (1980) read on Spotify's two axes. Diversity is the Shannon entropy (1948) of the minutes over
/// the nine cells, normalized by its maximum log₂ 9.
/// </remarks>
public static class EnergyValenceGrid
{
    /// <summary>Cells on each axis: 3.</summary>
    public const int Side = 3;

    /// <summary>Cells in the grid: 9.</summary>
    public const int Cells = Side * Side;

    /// <summary>The cell, 0–8, of a track with <paramref name="energy"/> and <paramref name="valence"/> (each 0–1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN.</exception>
    public static int Cell(double energy, double valence) => Side * Third(energy, nameof(energy)) + Third(valence, nameof(valence));

    /// <summary>The diversity of <paramref name="minutesPerCell"/> (nine non-negative weights, e.g. minutes); null when
    /// they sum to 0.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="minutesPerCell"/> is null.</exception>
    /// <exception cref="ArgumentException">Not nine values, or one negative or NaN.</exception>
    public static Diversity? Diversity(IReadOnlyList<double> minutesPerCell)
    {
        ArgumentNullException.ThrowIfNull(minutesPerCell);
        if (minutesPerCell.Count != Cells)
        {
            throw new ArgumentException($"Expected {Cells} cells, got {minutesPerCell.Count}.", nameof(minutesPerCell));
        }

        var total = 0.0;
        foreach (var minutes in minutesPerCell)
        {
            if (!(minutes >= 0))
            {
                throw new ArgumentException($"Cell weights must be ≥ 0, got {minutes}.", nameof(minutesPerCell));
            }

            total += minutes;
        }

        if (total <= 0)
        {
            return null;
        }

        var bits = ShannonEntropy.Bits(minutesPerCell, total);
        return new Diversity(bits, bits / Math.Log2(Cells));
    }

    private static int Third(double value, string name)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "A mood value must be a number.");
        }

        return value < 1.0 / 3 ? 0 : value < 2.0 / 3 ? 1 : 2;
    }
}
