using SoundGraph.Learning.Recommenders;

namespace SoundGraph.Learning.Tests.Recommenders;

public sealed class AlsRecommenderTests
{
    /// <summary>Two blocks: users 0–5 hold items 0–5 except item u (user u misses one), users 6–11 hold items 6–11
    /// except item u. Each user's best unseen item is the one missing from its block.</summary>
    internal static Interactions Blocks()
    {
        var triples = new List<(int, int, double)>();
        for (var u = 0; u < 12; u++)
        {
            var start = u < 6 ? 0 : 6;
            for (var i = start; i < start + 6; i++)
            {
                if (i != u)
                {
                    triples.Add((u, i, 1 + ((u + i) % 3)));
                }
            }
        }

        return Interactions.FromTriples(12, 12, triples);
    }

    [Fact]
    public void Recommend_TwoBlocks_FirstPickIsTheMissingItemOfTheUsersBlock()
    {
        var model = new AlsRecommender(new AlsOptions { Factors = 4, Iterations = 10, Regularization = 0.1, Alpha = 5, Threads = 1 });
        model.Fit(Blocks());
        for (var u = 0; u < 12; u++)
        {
            Assert.Equal(u, model.Recommend(RecommendQuery.ForUser(Blocks(), u), 1)[0].Item);
        }
    }

    [Fact]
    public void UserVector_OneFactorFoldIn_MatchesClosedForm()
    {
        // f = 1: x = Σ_i c_i y_i / (Σ_all y_j² + Σ_i (c_i − 1) y_i² + λ), c = 1 + α r (linear).
        var options = new AlsOptions { Factors = 1, Iterations = 3, Regularization = 0.5, Alpha = 2, Confidence = AlsConfidence.Linear, Solver = AlsSolver.Cholesky, Threads = 1 };
        var model = new AlsRecommender(options);
        model.Fit(Blocks());
        var y = model.ItemFactors.Select(v => (double)v).ToArray();
        var query = new RecommendQuery(null, [1, 4], [3f, 1f]);
        double c1 = 1 + (2 * 3), c4 = 1 + (2 * 1);
        var expected = ((c1 * y[1]) + (c4 * y[4])) / (y.Sum(v => v * v) + ((c1 - 1) * y[1] * y[1]) + ((c4 - 1) * y[4] * y[4]) + 0.5);
        Assert.Equal(expected, model.UserVector(query)[0], 5);
    }

    [Fact]
    public void Fit_CholeskySolver_LossNeverIncreases()
    {
        var losses = new List<double>();
        var model = new AlsRecommender(new AlsOptions { Factors = 3, Iterations = 8, Solver = AlsSolver.Cholesky, Threads = 1 }) { Progress = (_, loss, _) => losses.Add(loss) };
        model.Fit(Blocks());
        Assert.Equal(8, losses.Count);
        for (var k = 1; k < losses.Count; k++)
        {
            Assert.True(losses[k] <= losses[k - 1] + 1e-6, $"loss rose at sweep {k + 1}: {losses[k - 1]} → {losses[k]}");
        }

        Assert.Equal(losses[^1], model.TrainingLoss(Blocks()), 6);
    }

    [Fact]
    public void Fit_ConjugateGradientWithFSteps_MatchesCholesky()
    {
        // In exact arithmetic f CG steps solve an f × f system exactly, so both solvers give the same factors.
        var cg = new AlsRecommender(new AlsOptions { Factors = 3, Iterations = 5, CgSteps = 3, Threads = 1 });
        var chol = new AlsRecommender(new AlsOptions { Factors = 3, Iterations = 5, Solver = AlsSolver.Cholesky, Threads = 1 });
        cg.Fit(Blocks());
        chol.Fit(Blocks());
        for (var k = 0; k < cg.UserFactors.Length; k++)
        {
            Assert.Equal(chol.UserFactors[k], cg.UserFactors[k], 3);
        }
    }

    [Fact]
    public void Fit_SameSeedDifferentThreads_SameFactors()
    {
        var one = new AlsRecommender(new AlsOptions { Factors = 5, Iterations = 4, Threads = 1 });
        var four = new AlsRecommender(new AlsOptions { Factors = 5, Iterations = 4, Threads = 4 });
        one.Fit(Blocks());
        four.Fit(Blocks());
        Assert.Equal(one.UserFactors, four.UserFactors);
        Assert.Equal(one.ItemFactors, four.ItemFactors);
    }

    [Fact]
    public void ToBytes_RoundTrip_SameScores()
    {
        var model = new AlsRecommender(new AlsOptions { Factors = 4, Iterations = 3, Threads = 1 });
        model.Fit(Blocks());
        var copy = AlsRecommender.FromBytes(model.ToBytes());
        var query = RecommendQuery.ForSeeds([0, 2]);
        Assert.Equal(model.Recommend(query, 5), copy.Recommend(query, 5));
        Assert.Equal(model.Options.Alpha, copy.Options.Alpha);
    }

    [Fact]
    public void Explain_FoldInQuery_ContributionsSumToScore()
    {
        var model = new AlsRecommender(new AlsOptions { Factors = 4, Iterations = 5, Threads = 1 });
        model.Fit(Blocks());
        var query = new RecommendQuery(null, [0, 1, 2], [1f, 2f, 3f]);
        var top = model.Recommend(query, 1)[0];
        var terms = model.Explain(query, top.Item, 3);
        Assert.Equal(top.Score, terms.Sum(t => t.Contribution), 3);
    }
}
