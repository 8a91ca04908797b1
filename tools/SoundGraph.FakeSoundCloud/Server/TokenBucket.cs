namespace SoundGraph.FakeSoundCloud.Server;

/// <summary>Token bucket of capacity max(1, rate) refilled continuously at <c>rate</c> tokens per second; starts full.</summary>
internal sealed class TokenBucket(double ratePerSecond, DateTimeOffset start)
{
    private readonly Lock gate = new();
    private readonly double capacity = Math.Max(1, ratePerSecond);
    private double tokens = Math.Max(1, ratePerSecond);
    private DateTimeOffset last = start;

    public double RatePerSecond => ratePerSecond;

    /// <summary>Takes one token at <paramref name="now"/>; when none is left, says when one will be.</summary>
    public bool TryTake(DateTimeOffset now, out DateTimeOffset nextTokenAt)
    {
        lock (gate)
        {
            if (now > last)
            {
                tokens = Math.Min(capacity, tokens + ((now - last).TotalSeconds * ratePerSecond));
                last = now;
            }

            if (tokens >= 1)
            {
                tokens -= 1;
                nextTokenAt = now;
                return true;
            }

            nextTokenAt = now + TimeSpan.FromSeconds((1 - tokens) / ratePerSecond);
            return false;
        }
    }
}
