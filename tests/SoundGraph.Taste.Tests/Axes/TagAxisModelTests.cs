using SoundGraph.Taste.Axes;

namespace SoundGraph.Taste.Tests.Axes;

public sealed class TagAxisModelTests
{
    private static readonly TagAxisOptions OneLambda = new() { MinDocumentFrequency = 1, Lambdas = [1], Tolerance = 1e-12 };

    private static TaggedItem Item(string id, double valence, params string[] tags) =>
        new(id, tags.ToDictionary(t => t, _ => 1.0), new Dictionary<MoodAxis, double> { [MoodAxis.Valence] = valence });

    [Fact]
    public void Train_TwoOneTagItems_HandWorkedPrediction()
    {
        // idf = ln(3/2) + 1 = c for both tags; rows (c, 0) and (0, c), centred ±c/2; y centred ∓½.
        // By symmetry w = (−t, t) with (c² + 1)·t = c/2; b = ½; ŷ("dark") = ½ − c·t = ½ − c² / (2(c² + 1)).
        var model = TagAxisModel.Train([Item("a", 0, "dark"), Item("b", 1, "sunny")], OneLambda);
        var c = Math.Log(1.5) + 1;

        var dark = model.Predict(new Dictionary<string, double> { ["dark"] = 1 }, MoodAxis.Valence)!;

        Assert.Equal(0.5 - c * c / (2 * (c * c + 1)), dark.Value, 10);
        Assert.Equal(0.16804846363812875, dark.Value, 10);
        Assert.Equal("tags", dark.Method);
        Assert.Equal(1, dark.Confidence); // full coverage, no cross-validation with two items
        Assert.Null(model.Fit(MoodAxis.Valence)!.CrossValidatedR2);
        Assert.Equal(0.5, model.Fit(MoodAxis.Valence)!.Intercept, 10);
    }

    [Fact]
    public void Predict_HalfTheTagMassUnknown_SameValueHalfConfidence()
    {
        var model = TagAxisModel.Train([Item("a", 0, "dark"), Item("b", 1, "sunny")], OneLambda);

        var mixed = model.Predict(new Dictionary<string, double> { ["dark"] = 1, ["never-seen"] = 1 }, MoodAxis.Valence)!;

        Assert.Equal(0.16804846363812875, mixed.Value, 10);
        Assert.Equal(0.5, mixed.Confidence, 12);
    }

    [Fact]
    public void Predict_NoKnownTagOrUntrainedAxis_Null()
    {
        var model = TagAxisModel.Train([Item("a", 0, "dark"), Item("b", 1, "sunny")], OneLambda);

        Assert.Null(model.Predict(new Dictionary<string, double> { ["polka"] = 1 }, MoodAxis.Valence));
        Assert.Null(model.Predict(new Dictionary<string, double> { ["dark"] = 1 }, MoodAxis.Energy));
        Assert.Empty(model.Predict(new Dictionary<string, double>()));
        Assert.Throws<KeyNotFoundException>(() => model.TopTags(MoodAxis.Energy, 3));
    }

    [Fact]
    public void TopTags_TwoOneTagItems_DarkLowersSunnyRaises()
    {
        var model = TagAxisModel.Train([Item("a", 0, "dark"), Item("b", 1, "sunny")], OneLambda);

        var explanation = model.TopTags(MoodAxis.Valence, 5);

        Assert.Equal("sunny", Assert.Single(explanation.Raising).Tag);
        Assert.Equal("dark", Assert.Single(explanation.Lowering).Tag);
        Assert.Equal(0.16804846363812875 - 0.5, explanation.Lowering[0].Effect, 10);
    }

    [Fact]
    public void Train_SyntheticLinearTags_RecoversOrderAndSignOfTagWeights()
    {
        // SYNTHETIC: β rises with the tag number, so the learned effects (idf · w ≈ β) must rise too.
        const int tagCount = 40;
        var model = TagAxisModel.Train(SyntheticTaggedItems.Create(800, tagCount), new TagAxisOptions { MaxDegreeOfParallelism = 1 });

        var explanation = model.TopTags(MoodAxis.Valence, tagCount);
        var effects = explanation.Raising.Concat(explanation.Lowering).ToDictionary(e => e.Tag, e => e.Effect);
        var tags = Enumerable.Range(0, tagCount).ToArray();
        var rho = RankCorrelation.Spearman(
            tags.Select(t => SyntheticTaggedItems.Beta(t, tagCount)).ToArray(),
            tags.Select(t => effects.GetValueOrDefault(SyntheticTaggedItems.Tag(t))).ToArray());

        Assert.True(rho > 0.95, $"ρ(β, effect) = {rho}");
        Assert.All(tags.Where(t => Math.Abs(SyntheticTaggedItems.Beta(t, tagCount)) > 0.15),
            t => Assert.Equal(Math.Sign(SyntheticTaggedItems.Beta(t, tagCount)), Math.Sign(effects[SyntheticTaggedItems.Tag(t)])));
        // Neighbouring β differ by 0.02, within the noise: the three strongest each way come from the five extreme tags.
        Assert.All(explanation.Raising.Take(3), e => Assert.InRange(string.CompareOrdinal(e.Tag, "tag35"), 0, int.MaxValue));
        Assert.All(explanation.Lowering.Take(3), e => Assert.InRange(string.CompareOrdinal(e.Tag, "tag04"), int.MinValue, 0));
        Assert.True(model.Fit(MoodAxis.Valence)!.CrossValidatedR2 > 0.8);
    }

    [Fact]
    public void Predict_Tempo_ClippedToTrainingRange()
    {
        var model = TagAxisModel.Train(SyntheticTaggedItems.Create(200), new TagAxisOptions { MaxDegreeOfParallelism = 1 });
        var fit = model.Fit(MoodAxis.Tempo)!;

        var extreme = model.Predict(new Dictionary<string, double> { [SyntheticTaggedItems.Tag(39)] = 1 }, MoodAxis.Tempo)!;

        Assert.InRange(extreme.Value, fit.MinValue, fit.MaxValue);
        Assert.True(fit.MaxValue > 140);
    }

    [Fact]
    public void Contributions_SumWithInterceptToUnclippedPrediction()
    {
        var model = TagAxisModel.Train(SyntheticTaggedItems.Create(300), new TagAxisOptions { MaxDegreeOfParallelism = 1 });
        var tags = new Dictionary<string, double> { ["tag05"] = 60, ["tag30"] = 30, ["tag20"] = 10 };

        var contributions = model.Contributions(tags, MoodAxis.Valence);
        var predicted = model.Predict(tags, MoodAxis.Valence)!;

        Assert.Equal(3, contributions.Count);
        Assert.Equal(predicted.Value, model.Fit(MoodAxis.Valence)!.Intercept + contributions.Sum(c => c.Effect), 10);
        Assert.Equal("tag05", contributions[0].Tag);
    }

    [Fact]
    public void Train_SameSeed_SameModel()
    {
        var items = SyntheticTaggedItems.Create(200);

        var a = TagAxisModel.Train(items);
        var b = TagAxisModel.Train(items);

        Assert.Equal(a.Fits, b.Fits);
    }

    [Fact]
    public void Train_EmptyLambdaGrid_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TagAxisModel.Train([], new TagAxisOptions { Lambdas = [] }));
    }
}
