using SoundGraph.Learning.Recommenders;

namespace SoundGraph.Learning.Tests.Recommenders;

public sealed class BprRecommenderTests
{
    private static readonly (int, int, int)[] Triples = [(0, 0, 1), (1, 2, 0), (0, 0, 2), (1, 1, 2)];

    private static BprParameters Tiny()
    {
        var p = new BprParameters(2, 3, 2);
        var r = new Random(5);
        for (var k = 0; k < p.P.Length; k++)
        {
            p.P[k] = r.NextDouble() - 0.5;
        }

        for (var k = 0; k < p.Q.Length; k++)
        {
            p.Q[k] = r.NextDouble() - 0.5;
        }

        for (var k = 0; k < p.B.Length; k++)
        {
            p.B[k] = r.NextDouble() - 0.5;
        }

        return p;
    }

    [Fact]
    public void Gradient_TinyInstance_MatchesCentralFiniteDifferences()
    {
        const double lambda = 0.1, h = 1e-6;
        var p = Tiny();
        var g = BprRecommender.Gradient(p, Triples, lambda);
        foreach (var (values, grads) in new[] { (p.P, g.P), (p.Q, g.Q), (p.B, g.B) })
        {
            for (var k = 0; k < values.Length; k++)
            {
                var keep = values[k];
                values[k] = keep + h;
                var up = BprRecommender.Objective(p, Triples, lambda);
                values[k] = keep - h;
                var down = BprRecommender.Objective(p, Triples, lambda);
                values[k] = keep;
                var numeric = (up - down) / (2 * h);
                var relative = Math.Abs(numeric - grads[k]) / Math.Max(1e-8, Math.Abs(numeric) + Math.Abs(grads[k]));
                Assert.True(relative < 1e-4, $"coordinate {k}: analytic {grads[k]}, numeric {numeric}");
            }
        }
    }

    [Fact]
    public void Objective_ZeroParameters_IsTrianglesTimesLn2()
    {
        // All zero: x̂_uij = 0, −ln σ(0) = ln 2 per triple, no regularization.
        Assert.Equal(4 * Math.Log(2), BprRecommender.Objective(new BprParameters(2, 3, 2), Triples, 0.5), 12);
    }

    [Fact]
    public void Fit_TwoBlocks_RanksTheBlocksMissingItemAboveTheOtherBlock()
    {
        var train = AlsRecommenderTests.Blocks();
        var model = new BprRecommender(new BprOptions { Factors = 4, Epochs = 200, Seed = 3 });
        model.Fit(train);
        for (var u = 0; u < 12; u++)
        {
            Assert.Equal(u, model.Recommend(RecommendQuery.ForUser(train, u), 1)[0].Item);
        }

        // A fold-in from three items of block 0 prefers the other block-0 items.
        var folded = model.Recommend(RecommendQuery.ForSeeds([0, 1, 2]), 3).Select(s => s.Item).Order();
        Assert.Equal([3, 4, 5], folded);
    }

    [Fact]
    public void Fit_SameSeed_SameParameters()
    {
        var a = new BprRecommender(new BprOptions { Factors = 3, Epochs = 5 });
        var b = new BprRecommender(new BprOptions { Factors = 3, Epochs = 5 });
        a.Fit(AlsRecommenderTests.Blocks());
        b.Fit(AlsRecommenderTests.Blocks());
        Assert.Equal(a.Parameters.Q, b.Parameters.Q);
    }
}
