using SoundGraph.Learning.Recommenders;

namespace SoundGraph.Learning.Tests.Recommenders;

public sealed class RecommenderTests
{
    [Fact]
    public void TopK_TiesAndExclusions_BreaksTiesTowardLowerIndex()
    {
        float[] scores = [0.5f, 0.9f, 0.5f, 0.9f, float.NaN, 0.1f];
        var top = Ranking.TopK(scores, 3, [1], new HashSet<int> { 5 });
        Assert.Equal([3, 0, 2], top.Select(t => t.Item));
    }

    [Fact]
    public void Popularity_Recommend_RanksByUsersHoldingAndSkipsKnown()
    {
        var m = Interactions.FromTriples(3, 4, [(0, 0, 1), (1, 0, 1), (2, 0, 1), (0, 1, 5), (1, 2, 1), (2, 2, 1)]);
        var model = new PopularityRecommender();
        model.Fit(m);
        Assert.Equal([2, 1, 3], model.Recommend(RecommendQuery.ForSeeds([0]), 3).Select(s => s.Item));
    }

    [Fact]
    public void ItemKnn_BinaryCosine_MatchesHandComputedSimilarities()
    {
        // Users: 0 {0, 1}, 1 {0, 1, 2}, 2 {2}. Item columns: 0 = (1,1,0), 1 = (1,1,0), 2 = (0,1,1).
        // cos(0,1) = 2/(√2·√2) = 1; cos(0,2) = 1/(√2·√2) = 0.5; cos(1,2) = 0.5.
        var m = Interactions.FromTriples(3, 3, [(0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 1), (1, 2, 1), (2, 2, 1)]);
        var model = new ItemKnnRecommender(new ItemKnnOptions { Weighting = KnnWeighting.None, Neighbors = 5 });
        model.Fit(m);
        var (items, sims) = model.Neighbors(0);
        Assert.Equal([1, 2], items);
        Assert.Equal(1.0, sims[0], 6);
        Assert.Equal(0.5, sims[1], 6);

        // Seeds {0, 1} → item 2 scores 0.5 + 0.5 = 1.
        var rec = Assert.Single(model.Recommend(RecommendQuery.ForSeeds([0, 1]), 5));
        Assert.Equal(2, rec.Item);
        Assert.Equal(1.0, rec.Score, 6);
        Assert.Equal([(0, 0.5), (1, 0.5)], model.Explain(RecommendQuery.ForSeeds([0, 1]), 2).Select(e => (e.Item, Math.Round(e.Contribution, 6))));
    }

    [Fact]
    public void ItemKnn_OneNeighbour_KeepsOnlyTheBest()
    {
        var m = Interactions.FromTriples(3, 3, [(0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 1), (1, 2, 1), (2, 2, 1)]);
        var model = new ItemKnnRecommender(new ItemKnnOptions { Weighting = KnnWeighting.None, Neighbors = 1 });
        model.Fit(m);
        Assert.Equal([1], model.Neighbors(0).Items);
        Assert.Equal([0], model.Neighbors(2).Items);
    }

    [Fact]
    public void Weigh_TfIdf_IsSqrtValueTimesIdf()
    {
        // 4 users; item 0 held by 1 user with value 4: √4 · ln(4 / 2) = 2·0.693147 = 1.386294.
        var m = Interactions.FromTriples(4, 2, [(0, 0, 4), (1, 1, 1), (2, 1, 1), (3, 1, 1)]);
        var w = ItemKnnRecommender.Weigh(m, new ItemKnnOptions { Weighting = KnnWeighting.TfIdf });
        Assert.Equal(1.386294, w.Values(0)[0], 5);
    }

    [Fact]
    public void Weigh_Bm25_MatchesImplicitFormula()
    {
        // 2 users × 2 items: user 0 {item 0: 3}, user 1 {item 0: 1, item 1: 2}. Item lengths 4 and 2, average 3.
        // K1 = 1, B = 0.5. idf(user 0) = ln 2 − ln 2 = 0 → clamped to 1e-9; idf(user 1) = ln 2 − ln 3 < 0 → clamped.
        // Use K1 = 1, B = 0.5 on 3 items to get positive idf: user 0 holds 1 item → idf = ln 3 − ln 2 = 0.405465.
        var m = Interactions.FromTriples(2, 3, [(0, 0, 3), (1, 0, 1), (1, 1, 2)]);
        var w = ItemKnnRecommender.Weigh(m, new ItemKnnOptions { Weighting = KnnWeighting.Bm25, K1 = 1, B = 0.5 });

        // Item 0: length 4, average (4 + 2)/2 = 3 → norm = 0.5 + 0.5·4/3 = 1.166667; value 3: 3·2 / (1.166667 + 3) = 1.44 → × 0.405465 = 0.583870.
        Assert.Equal(0.583870, w.Values(0)[0], 5);
    }
}
