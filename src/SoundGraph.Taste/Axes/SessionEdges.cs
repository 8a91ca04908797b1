namespace SoundGraph.Taste.Axes;

/// <summary>One listen as <see cref="SessionEdges"/> reads it.</summary>
/// <param name="UserId">The listener.</param>
/// <param name="EndedAt">End of the play.</param>
/// <param name="TrackId">The track.</param>
/// <param name="MsPlayed">Milliseconds played.</param>
public readonly record struct SessionPlay(long UserId, DateTimeOffset EndedAt, long TrackId, long MsPlayed);

/// <summary>
/// Co-listening edges between tracks: two tracks are linked when one listener played them one right after the other in
/// the same session. SoundGraph's own graph for label propagation (<see cref="AxisSmoothing"/>), alongside co-playlist and
/// audio similarity: a listening session, like a playlist, is a sequence someone chose to hear together (the
/// session-based view of Hidasi et al. 2016, "Session-based recommendations with recurrent neural networks", ICLR).
/// </summary>
/// <remarks>Rules: only plays of at least <see cref="MinimumMs"/> count (skips say nothing); a session breaks when the next
/// play ends more than <see cref="Gap"/> plus its own length after the previous one ended (so a pause of over 30 min
/// starts a new session); consecutive plays of the same track add nothing. Each consecutive pair (a, b), a ≠ b, counts
/// once per occurrence, over all listeners; the edge weight is 1 − 0.5^count (one co-play 0.5, two 0.75, three 0.875),
/// so repeated pairing strengthens an edge without outweighing a co-playlist or audio edge (≤ 1) unboundedly.</remarks>
public static class SessionEdges
{
    /// <summary>Shortest play that counts, ms (the 30 s rule of <c>PlayFilter</c>).</summary>
    public const long MinimumMs = 30_000;

    /// <summary>Longest pause inside one session.</summary>
    public static TimeSpan Gap { get; } = TimeSpan.FromMinutes(30);

    /// <summary>The co-listening edges of <paramref name="plays"/> (any order; sorted here by listener, then end time).</summary>
    /// <returns>One edge per unordered track pair (A &lt; B), weight in (0, 1).</returns>
    public static IReadOnlyList<TrackEdge> Build(IEnumerable<SessionPlay> plays)
    {
        ArgumentNullException.ThrowIfNull(plays);
        var counts = new Dictionary<(long, long), int>();
        SessionPlay? previous = null;
        foreach (var p in plays.Where(p => p.MsPlayed >= MinimumMs).OrderBy(p => p.UserId).ThenBy(p => p.EndedAt).ThenBy(p => p.TrackId))
        {
            if (previous is { } q && q.UserId == p.UserId && q.TrackId != p.TrackId
                && p.EndedAt - q.EndedAt <= Gap + TimeSpan.FromMilliseconds(p.MsPlayed))
            {
                var key = q.TrackId < p.TrackId ? (q.TrackId, p.TrackId) : (p.TrackId, q.TrackId);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }

            previous = p;
        }

        return [.. counts.OrderBy(c => c.Key).Select(c => new TrackEdge(c.Key.Item1, c.Key.Item2, 1 - Math.Pow(0.5, c.Value)))];
    }
}
