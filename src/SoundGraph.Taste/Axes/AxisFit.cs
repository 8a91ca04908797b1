namespace SoundGraph.Taste.Axes;

/// <summary>How one axis of a <see cref="TagAxisModel"/> was fitted.</summary>
/// <param name="Axis">The axis.</param>
/// <param name="TrainingCount">Items with the axis's target and at least one in-vocabulary tag.</param>
/// <param name="Lambda">The ridge penalty chosen (lowest cross-validated mean squared error; the larger λ on a tie).</param>
/// <param name="Intercept">b in ŷ = b + Σ tf·idf·w: the prediction for an item whose tags sit at the training mean.</param>
/// <param name="CrossValidatedR2">Out-of-fold R² = 1 − Σ(y − ŷ_oof)² / Σ(y − ȳ)² at <paramref name="Lambda"/>, over all
/// training items; null when there were too few items to cross-validate. Can be negative (worse than the mean).</param>
/// <param name="MinValue">Lower clip of predictions: 0 for 0–1 axes, the smallest training target for tempo.</param>
/// <param name="MaxValue">Upper clip of predictions: 1 for 0–1 axes, the largest training target for tempo.</param>
public sealed record AxisFit(
    MoodAxis Axis,
    int TrainingCount,
    double Lambda,
    double Intercept,
    double? CrossValidatedR2,
    double MinValue,
    double MaxValue);

/// <summary>A tag's pull on an axis.</summary>
/// <param name="Tag">The tag (normalised: trimmed, lower case).</param>
/// <param name="Effect">In the axis's unit. From <see cref="TagAxisModel.TopTags"/>: idf · w, how far an item tagged with
/// this tag alone sits from the intercept. From <see cref="TagAxisModel.Contributions"/>: tf · idf · w, this tag's share of
/// one item's prediction.</param>
public sealed record TagEffect(string Tag, double Effect);

/// <summary>The tags that raise and lower an axis most (e.g. "dark, industrial → low valence").</summary>
/// <param name="Axis">The axis.</param>
/// <param name="Raising">Positive effects, largest first.</param>
/// <param name="Lowering">Negative effects, most negative first.</param>
public sealed record TagAxisExplanation(MoodAxis Axis, IReadOnlyList<TagEffect> Raising, IReadOnlyList<TagEffect> Lowering);
