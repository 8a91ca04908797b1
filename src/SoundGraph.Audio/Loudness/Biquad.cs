namespace SoundGraph.Audio.Loudness;

/// <summary>A second-order IIR section in transposed direct form II, <c>y = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²) · x</c>,
/// run in double precision (its state is per instance: one per channel).</summary>
/// <param name="b0">Feed-forward coefficient 0.</param>
/// <param name="b1">Feed-forward coefficient 1.</param>
/// <param name="b2">Feed-forward coefficient 2.</param>
/// <param name="a1">Feedback coefficient 1 (a0 normalized to 1).</param>
/// <param name="a2">Feedback coefficient 2.</param>
internal sealed class Biquad(double b0, double b1, double b2, double a1, double a2)
{
    private double _z1;
    private double _z2;

    /// <summary>The coefficients (b0, b1, b2, a1, a2).</summary>
    public (double B0, double B1, double B2, double A1, double A2) Coefficients => (b0, b1, b2, a1, a2);

    /// <summary>Filters <paramref name="samples"/> in place (the state carries over to the next call).</summary>
    public void Process(Span<double> samples)
    {
        double z1 = _z1, z2 = _z2;
        for (var i = 0; i < samples.Length; i++)
        {
            var x = samples[i];
            var y = (b0 * x) + z1;
            z1 = (b1 * x) - (a1 * y) + z2;
            z2 = (b2 * x) - (a2 * y);
            samples[i] = y;
        }

        (_z1, _z2) = (z1, z2);
    }

    /// <summary>Filters one sample.</summary>
    public double Process(double x)
    {
        var y = (b0 * x) + _z1;
        _z1 = (b1 * x) - (a1 * y) + _z2;
        _z2 = (b2 * x) - (a2 * y);
        return y;
    }
}
