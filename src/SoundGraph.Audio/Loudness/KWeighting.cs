namespace SoundGraph.Audio.Loudness;

/// <summary>
/// The K-weighting of ITU-R BS.1770-4 (§2.1): a high-shelf "pre-filter" (+4 dB above ~1.7 kHz, modelling the head) followed
/// by the RLB high-pass (~38 Hz), as two biquads for any sample rate.
/// </summary>
/// <remarks>BS.1770-4 tabulates the coefficients for 48 kHz only. For other rates the two sections are derived from their
/// analogue prototypes by the bilinear transform with pre-warping: shelf f0 = 1681.974 Hz, gain 3.99984 dB, Q = 0.70718;
/// high-pass f0 = 38.1355 Hz, Q = 0.50033 — the parameters that reproduce the 48 kHz table to 1e-8 (derived by B. Mansbridge
/// and used by libebur128 and pyloudnorm). At 48 kHz the result equals BS.1770-4's Table 1 and Table 2.</remarks>
internal static class KWeighting
{
    private const double ShelfHz = 1681.974450955533;
    private const double ShelfGainDb = 3.999843853973347;
    private const double ShelfQ = 0.7071752369554196;
    private const double HighPassHz = 38.13547087602444;
    private const double HighPassQ = 0.5003270373238773;

    /// <summary>The two sections (pre-filter, RLB high-pass) for <paramref name="sampleRate"/> Hz, fresh state.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is below 8,000 Hz (the shelf would sit above Nyquist).</exception>
    public static (Biquad Shelf, Biquad HighPass) Create(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        var k = Math.Tan(Math.PI * ShelfHz / sampleRate);
        var vh = Math.Pow(10, ShelfGainDb / 20);
        var vb = Math.Pow(vh, 0.4996667741545416);
        var a0 = 1 + (k / ShelfQ) + (k * k);
        var shelf = new Biquad(
            (vh + (vb * k / ShelfQ) + (k * k)) / a0,
            2 * ((k * k) - vh) / a0,
            (vh - (vb * k / ShelfQ) + (k * k)) / a0,
            2 * ((k * k) - 1) / a0,
            (1 - (k / ShelfQ) + (k * k)) / a0);
        k = Math.Tan(Math.PI * HighPassHz / sampleRate);
        var d = 1 + (k / HighPassQ) + (k * k);
        var highPass = new Biquad(1, -2, 1, 2 * ((k * k) - 1) / d, (1 - (k / HighPassQ) + (k * k)) / d);
        return (shelf, highPass);
    }
}
