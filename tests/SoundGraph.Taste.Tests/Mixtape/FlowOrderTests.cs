using SoundGraph.Taste.Mixtape;
using static SoundGraph.Taste.Tests.Mixtape.SyntheticMixtapes;

namespace SoundGraph.Taste.Tests.Mixtape;

public sealed class FlowOrderTests
{
    private static MixtapePick Pick(MixtapeCandidate c) => new(c, 1, 1, 0, 1, null, true, "x");

    [Fact]
    public void Order_HandWorked_StartsCalmestThenCheapestKeyAndTempoSteps()
    {
        // From 8A/100: 9A/104 costs 1 + 0.4 = 1.4, 8B/130 1 + 3 = 4, 3B/102 6 + 0.2 = 6.2 → 9A. From 9A/104: 8B/130
        // costs 2 + 2.6 = 4.6, 3B/102 7 + 0.2 = 7.2 → 8B. Last 3B: 5 + 2.8 = 7.8. Total 13.8, the best of the six orders
        // from 8A, so the local moves keep it.
        var p1 = Track(1, 0.2, 0.5, 0.5, 100, durationS: 200, key: "8A");
        var p2 = Track(2, 0.5, 0.5, 0.5, 102, durationS: 210, key: "3B");
        var p3 = Track(3, 0.6, 0.5, 0.5, 104, durationS: 220, key: "9A");
        var p4 = Track(4, 0.9, 0.5, 0.5, 130, durationS: 230, key: "8B");

        var order = FlowOrder.Order([Pick(p4), Pick(p2), Pick(p1), Pick(p3)], new MixtapeOptions());

        Assert.Equal([1L, 3, 4, 2], order.Select(t => t.Pick.Candidate.TrackId));
        Assert.Equal([1, 2, 3, 4], order.Select(t => t.Position));
        Assert.Equal([0.0, 200, 420, 650], order.Select(t => t.StartS));
        Assert.Equal([null, 1, 2, 5], order.Select(t => t.KeySteps));
        Assert.Equal([null, 4.0, 26, -28], order.Select(t => t.TempoChangeBpm));
        Assert.Null(order[0].TransitionCost);
        Assert.Equal(1.4, order[1].TransitionCost!.Value, 12);
        Assert.Equal(4.6, order[2].TransitionCost!.Value, 12);
        Assert.Equal(7.8, order[3].TransitionCost!.Value, 12);
    }

    [Fact]
    public void Order_GreedyLeavesAJumpForTheEnd_OrOptMovesItEarlier()
    {
        // Keys unknown (2 per step), tempos A 100 (calmest), B 103, C 95, D 110. Greedy: A → B (3) → D (7) → C (15), 25 BPM
        // of jumps; no 2-opt reversal helps, moving C after A does: A → C (5) → B (8) → D (7), 20 BPM, the optimum.
        var a = Pick(Track(1, 0.1, 0.5, 0.5, 100));
        var b = Pick(Track(2, 0.5, 0.5, 0.5, 103));
        var c = Pick(Track(3, 0.5, 0.5, 0.5, 95));
        var d = Pick(Track(4, 0.5, 0.5, 0.5, 110));
        var options = new MixtapeOptions();

        var greedy = FlowOrder.Greedy([a, b, c, d], options);
        var order = FlowOrder.Order([a, b, c, d], options);

        Assert.Equal([1L, 2, 4, 3], greedy.Select(p => p.Candidate.TrackId));
        Assert.Equal(6 + 2.5, FlowOrder.PathCost(greedy, options), 12);
        Assert.Equal([1L, 3, 2, 4], order.Select(t => t.Pick.Candidate.TrackId));
        Assert.Equal(6 + 2.0, order.Skip(1).Sum(t => t.TransitionCost!.Value), 12);
    }

    [Fact]
    public void Cost_UnknownKey_UsesTheUnknownKeyCost()
    {
        var a = Track(1, 0.5, 0.5, 0.5, 120, key: "8A");
        var b = Track(2, 0.5, 0.5, 0.5, 125);

        Assert.Equal(2 + 0.5, FlowOrder.Cost(a, b, new MixtapeOptions()), 12);
        Assert.Equal(3 + 0.25, FlowOrder.Cost(a, b, new MixtapeOptions { UnknownKeyCost = 3, BpmPerKeyStep = 20 }), 12);
    }

    [Fact]
    public void Order_EqualEnergies_TiesGoToLowerTempoThenLowerId()
    {
        var order = FlowOrder.Order([Pick(Track(5, 0.4, 0.5, 0.5, 120)), Pick(Track(9, 0.4, 0.5, 0.5, 110)), Pick(Track(2, 0.4, 0.5, 0.5, 110))], new MixtapeOptions());

        Assert.Equal([2L, 9, 5], order.Select(t => t.Pick.Candidate.TrackId));
    }
}
