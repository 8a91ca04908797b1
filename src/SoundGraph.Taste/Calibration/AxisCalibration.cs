namespace SoundGraph.Taste.Calibration;

/// <summary>A listener's calibration of one <see cref="MoodAxis"/>: maps SoundGraph's value of a track (the model's, in
/// the axis's unit) to the listener's own scale, learned from the tracks they labelled (issue 16, "calibration with
/// personal labels").</summary>
/// <remarks>
/// <para>The map is the isotonic regression (<see cref="IsotonicRegression.Fit"/>) of the listener's label values on the
/// model's values of the same tracks, every label weighing 1, clipped outside the labelled range. It only re-orders the
/// scale monotonically: a track the model puts higher never ends lower, and every calibrated value lies within the
/// listener's labels' range.</para>
/// <para>With fewer than <see cref="MinimumLabels"/> labelled tracks that have a model value on the axis, or when those
/// tracks share one model value, there is too little to fit: the calibration is the identity (<see cref="IsIdentity"/>,
/// <see cref="Note"/> says why).</para>
/// </remarks>
public sealed class AxisCalibration
{
    /// <summary>Labelled tracks with a model value needed before an axis is calibrated: 5.</summary>
    public const int MinimumLabels = 5;

    private AxisCalibration(MoodAxis axis, int pairs, IsotonicFit? fit, string note)
    {
        Axis = axis;
        Pairs = pairs;
        Fit = fit;
        Note = note;
    }

    /// <summary>The axis.</summary>
    public MoodAxis Axis { get; }

    /// <summary>Labelled tracks that have a model value on the axis (the fit's data).</summary>
    public int Pairs { get; }

    /// <summary>The fitted map; null for the identity.</summary>
    public IsotonicFit? Fit { get; }

    /// <summary>True when values pass unchanged (too few labels to fit).</summary>
    public bool IsIdentity => Fit is null;

    /// <summary>One sentence saying whether and how the axis is calibrated, e.g. "calibrated on 6 labels (isotonic)" or
    /// "not calibrated: 3 of the 5 labels needed".</summary>
    public string Note { get; }

    /// <summary>The identity calibration of <paramref name="axis"/> (no labels).</summary>
    public static AxisCalibration Identity(MoodAxis axis) =>
        new(axis, 0, null, $"not calibrated: 0 of the {MinimumLabels} labels needed");

    /// <summary>Learns the calibration of <paramref name="axis"/> from (model value, label value) pairs.</summary>
    /// <param name="axis">The axis.</param>
    /// <param name="pairs">One pair per labelled track that has a model value: the model's value and the listener's
    /// label, both in the axis's unit, finite.</param>
    /// <returns>The isotonic calibration, or the identity when there are fewer than <see cref="MinimumLabels"/> pairs or
    /// all share one model value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pairs"/> is null.</exception>
    /// <exception cref="ArgumentException">A value is not finite.</exception>
    public static AxisCalibration Learn(MoodAxis axis, IReadOnlyList<(double Model, double Label)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count < MinimumLabels)
        {
            return new AxisCalibration(axis, pairs.Count, null, $"not calibrated: {pairs.Count} of the {MinimumLabels} labels needed");
        }

        if (pairs.Select(p => p.Model).Distinct().Count() < 2)
        {
            return new AxisCalibration(axis, pairs.Count, null, $"not calibrated: the {pairs.Count} labelled tracks share one model value");
        }

        var fit = IsotonicRegression.Fit([.. pairs.Select(p => p.Model)], [.. pairs.Select(p => p.Label)]);
        return new AxisCalibration(axis, pairs.Count, fit, $"calibrated on {pairs.Count} labels (isotonic regression)");
    }

    /// <summary>The listener's value for a model value <paramref name="value"/>: the fitted map, or the value itself for
    /// the identity.</summary>
    public double Apply(double value) => Fit?.Apply(value) ?? value;
}
