namespace SoundGraph.FakeSoundCloud.Server;

/// <summary>How the fake server binds, authenticates, limits and misbehaves.</summary>
/// <remarks>Fault rates are probabilities per authenticated API request that passed the rate-limit bucket; one
/// draw in [0, 1) from <c>new Random(FaultSeed)</c> per such request decides: below <see cref="ServerErrorRate"/> a
/// 5xx, then the next <see cref="RateLimitErrorRate"/> an injected 429, then the next <see cref="TruncatedBodyRate"/>
/// a truncated 200 body (applied only when the answer is a 200 with a body). Requests sent one after another
/// therefore meet the same faults on every run.</remarks>
public sealed record FakeServerOptions
{
    /// <summary>Loopback port to bind.</summary>
    /// <value>Default 0: a free port chosen by the OS (read <see cref="FakeSoundCloudServer.BaseUri"/>). Range 0–65535.</value>
    public int Port { get; init; }

    /// <summary>Client id the token endpoint accepts.</summary>
    /// <value>Default "fake-client-id".</value>
    public string ClientId { get; init; } = "fake-client-id";

    /// <summary>Client secret the token endpoint accepts. Never logged, never echoed.</summary>
    /// <value>Default "fake-client-secret".</value>
    public string ClientSecret { get; init; } = "fake-client-secret";

    /// <summary>More client id → secret pairs the token endpoint accepts besides <see cref="ClientId"/>, so several harvest
    /// workers can each hold their own credentials (and, with <see cref="RateLimitPerClientPerSecond"/>, their own limit).</summary>
    /// <value>Default empty. Ids and secrets must be non-empty; an id equal to <see cref="ClientId"/> is refused.</value>
    public IReadOnlyDictionary<string, string> ExtraClients { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Lifetime of an access token (sent as <c>expires_in</c>, whole seconds), measured on <see cref="TimeProvider"/>.</summary>
    /// <value>Default 3599 s, as SoundCloud. Range 1 s – 1 day.</value>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(3599);

    /// <summary>Requests per second allowed to API endpoints (all clients together), or null for no limit.</summary>
    /// <value>Default null. Enforced as a token bucket of capacity max(1, limit) refilled continuously at limit per
    /// second on <see cref="TimeProvider"/>; a request that finds it empty gets 429 (counted in
    /// <see cref="FakeServerStats.RateLimitViolations"/>). Must be &gt; 0 when set. The token endpoint is not limited.</value>
    public double? RateLimitPerSecond { get; init; }

    /// <summary>Requests per second allowed to API endpoints for each client id, or null for no per-client limit.</summary>
    /// <value>Default null. One token bucket per client id (the client an access token was issued to), each of capacity
    /// max(1, limit) refilled continuously at limit per second, as SoundCloud limits each application's credentials on its
    /// own. Checked after <see cref="RateLimitPerSecond"/>; an empty bucket answers 429 and counts in
    /// <see cref="FakeServerStats.RateLimitViolations"/>. Must be &gt; 0 when set.</value>
    public double? RateLimitPerClientPerSecond { get; init; }

    /// <summary>Delay added to each API request before it is answered (wall time, <see cref="Task.Delay(TimeSpan, CancellationToken)"/>).</summary>
    /// <value>Default zero. Range 0 – 1 min.</value>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>Probability of an injected 500/503/502 (cycled in that order; 503 carries <c>Retry-After: 1</c>).</summary>
    /// <value>Default 0. Range 0–1; the three rates sum to at most 1.</value>
    public double ServerErrorRate { get; init; }

    /// <summary>Probability of an injected 429 with SoundCloud's body, a reset_time 1–2 s ahead and <c>Retry-After</c>.</summary>
    /// <value>Default 0. Range 0–1.</value>
    public double RateLimitErrorRate { get; init; }

    /// <summary>Probability that a 200 answer is cut to the first half of its body (status 200, Content-Length of the half).</summary>
    /// <value>Default 0. Range 0–1.</value>
    public double TruncatedBodyRate { get; init; }

    /// <summary>Seed of the fault draws.</summary>
    /// <value>Default 1.</value>
    public int FaultSeed { get; init; } = 1;

    /// <summary>Whether injected faults may also hit <c>POST /oauth/token</c>.</summary>
    /// <value>Default false: the token endpoint always answers truthfully.</value>
    public bool FaultsOnToken { get; init; }

    /// <summary>Clock for token expiry, the rate-limit bucket, reset_time and request timestamps.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>; tests pass a manual clock so rate-limit checks never sleep.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option lies outside the range its documentation gives.</exception>
    /// <exception cref="ArgumentException">Client id or secret is empty.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentException.ThrowIfNullOrEmpty(ClientId);
        ArgumentException.ThrowIfNullOrEmpty(ClientSecret);
        ArgumentOutOfRangeException.ThrowIfLessThan(TokenLifetime, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TokenLifetime, TimeSpan.FromDays(1));
        if (RateLimitPerSecond is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(RateLimitPerSecond));
        }

        if (RateLimitPerClientPerSecond is { } perClient)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perClient, nameof(RateLimitPerClientPerSecond));
        }

        ArgumentNullException.ThrowIfNull(ExtraClients);
        foreach (var (id, secret) in ExtraClients)
        {
            ArgumentException.ThrowIfNullOrEmpty(id, nameof(ExtraClients));
            ArgumentException.ThrowIfNullOrEmpty(secret, nameof(ExtraClients));
            if (id == ClientId)
            {
                throw new ArgumentException($"Extra client id '{id}' repeats ClientId.", nameof(ExtraClients));
            }
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Latency, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Latency, TimeSpan.FromMinutes(1));
        foreach (var (rate, name) in new[] { (ServerErrorRate, nameof(ServerErrorRate)), (RateLimitErrorRate, nameof(RateLimitErrorRate)), (TruncatedBodyRate, nameof(TruncatedBodyRate)) })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                throw new ArgumentOutOfRangeException(name, rate, "A fault rate must lie in 0–1.");
            }
        }

        if (ServerErrorRate + RateLimitErrorRate + TruncatedBodyRate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TruncatedBodyRate), "The three fault rates must sum to at most 1.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
