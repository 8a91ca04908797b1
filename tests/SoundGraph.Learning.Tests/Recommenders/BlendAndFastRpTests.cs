using SoundGraph.Learning.Evaluation;
using SoundGraph.Learning.Recommenders;

namespace SoundGraph.Learning.Tests.Recommenders;

public sealed class BlendAndFastRpTests
{
    /// <summary>A fixed ranking for tests: scores given per item.</summary>
    private sealed class Fixed(string name, float[] scores) : IRecommender
    {
        public string Name => name;

        public void Fit(Interactions train)
        {
        }

        public void Score(RecommendQuery query, Span<float> s) => scores.CopyTo(s);

        public ScoredItem[] Recommend(RecommendQuery query, int k, IReadOnlySet<int>? exclude = null) => Ranking.Recommend(this, scores.Length, query, k, exclude);
    }

    [Fact]
    public void Blend_TwoRankings_SumsWeightedRankScores()
    {
        // Depth 4. A ranks 0,1,2,3 → 1, .75, .5, .25; B ranks 3,2,1,0. Weights .75/.25:
        // item 0 = .75·1 + .25·.25 = .8125; item 1 = .5625 + .125 = .6875; item 2 = .375 + .1875 = .5625; item 3 = .1875 + .25 = .4375.
        var a = new Fixed("a", [4, 3, 2, 1]);
        var b = new Fixed("b", [1, 2, 3, 4]);
        var blend = new BlendRecommender([a, b], [0.75, 0.25], 4, depth: 4);
        var result = blend.Recommend(RecommendQuery.ForSeeds([]), 4);
        Assert.Equal([0, 1, 2, 3], result.Select(r => r.Item));
        Assert.Equal(0.8125, result[0].Score, 6);
        Assert.Equal(0.4375, result[3].Score, 6);
    }

    [Fact]
    public void BlendTuner_OneGoodModel_GivesItAllTheWeight()
    {
        // Relevant item 3: model b ranks it first, model a last.
        var a = new Fixed("a", [4, 3, 2, 1]);
        var b = new Fixed("b", [1, 2, 3, 4]);
        var cases = new[] { new EvalCase(0, RecommendQuery.ForSeeds([]), new HashSet<int> { 3 }) };
        var (weights, ndcg) = BlendTuner.Tune([a, b], cases, 4, k: 1);
        Assert.Equal([0.0, 1.0], weights);
        Assert.Equal(1.0, ndcg);
    }

    [Fact]
    public void FastRp_TwoBlocks_FoldInPrefersTheSeedsBlock()
    {
        var model = new FastRpRecommender();
        model.Fit(AlsRecommenderTests.Blocks());
        var top = model.Recommend(RecommendQuery.ForSeeds([6, 7, 8]), 3).Select(s => s.Item).Order();
        Assert.Equal([9, 10, 11], top);
    }

    [Fact]
    public void Evaluator_FixedRanking_AveragesHandComputedMetrics()
    {
        // Ranking 0,1,2,3 (seeds none). Case A relevant {1}: recall@2 = 1, ndcg@2 = 1/log2(3) = 0.630930. Case B relevant {3}: 0, 0.
        var model = new Fixed("f", [4, 3, 2, 1]);
        var cases = new[]
        {
            new EvalCase(0, RecommendQuery.ForSeeds([]), new HashSet<int> { 1 }),
            new EvalCase(1, RecommendQuery.ForSeeds([]), new HashSet<int> { 3 }),
        };
        var r = Evaluator.Evaluate(model, "t", cases, [2], 4);
        Assert.Equal(0.5, r.Recall[2], 12);
        Assert.Equal(0.630930 / 2, r.Ndcg[2], 6);
        Assert.Equal(0.25, r.Precision[2], 12);
        Assert.Equal(0.5, r.Coverage, 12);
    }
}
