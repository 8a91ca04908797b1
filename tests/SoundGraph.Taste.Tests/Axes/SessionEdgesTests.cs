using SoundGraph.Taste.Axes;

namespace SoundGraph.Taste.Tests.Axes;

public sealed class SessionEdgesTests
{
    private static readonly DateTimeOffset T0 = new(2021, 2, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_ConsecutivePlays_LinkWithinASessionAndCountRepeats()
    {
        // Listener 1: A, B, A (one session), then 2 h later C (new session). Listener 2: B, A, then a 10 s skip of D, then C.
        // Pairs: (A,B) ×3 → 0.875; (A,C) once through listener 2's A → C (the skip counts for nothing) → 0.5.
        var plays = new[]
        {
            P(1, 0, 1), P(1, 4, 2), P(1, 8, 1), P(1, 128, 3),
            P(2, 0, 2), P(2, 4, 1), new SessionPlay(2, T0.AddMinutes(5), 4, 10_000), P(2, 9, 3),
        };

        var edges = SessionEdges.Build(plays);

        Assert.Equal([new TrackEdge(1, 2, 0.875), new TrackEdge(1, 3, 0.5)], edges);
    }

    [Fact]
    public void Build_SameTrackTwiceOrAnotherListener_AddsNothing()
    {
        var edges = SessionEdges.Build([P(1, 0, 1), P(1, 4, 1), P(2, 5, 2)]);

        Assert.Empty(edges);
    }

    private static SessionPlay P(long user, int minute, long track) => new(user, T0.AddMinutes(minute), track, 180_000);
}
