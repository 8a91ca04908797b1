namespace SoundGraph.Taste.Time;

/// <summary>How the synthetic evaluation standardizes a series before the CUSUM.</summary>
public enum CusumBaseline
{
    /// <summary>By the true in-control mean 0 and sd 1, as the ARL theory assumes: measures the CUSUM itself.</summary>
    Known,

    /// <summary>By the series' own whole-history mean and sample sd, as <see cref="ChangePointDetector"/> does with a
    /// listener: measures the detector as shipped.</summary>
    WholeHistory,
}
