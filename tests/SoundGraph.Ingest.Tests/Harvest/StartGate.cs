namespace SoundGraph.Ingest.Tests.Harvest;

/// <summary>Holds each worker's first API request (the seed's resolve, after its token) until every one of
/// <c>workers</c> has sent its own, so concurrent harvest workers start their claims together. Without it, a worker
/// whose thread was slow to be scheduled (CI, with other test classes running) joined a run whose walks the others had
/// all claimed.</summary>
internal sealed class StartGate(int workers)
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    /// <summary>Longest wait for the other workers (one that failed before its first request never arrives). Then the
    /// waiting request throws <see cref="TimeoutException"/>, which the client may retry ungated: the test goes on and
    /// fails on its own assertions, about a minute late.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>A handler for one worker's client: it waits at the gate once, before its first request that is not the
    /// token request.</summary>
    public DelegatingHandler Handler(HttpMessageHandler inner) => new Gated(this) { InnerHandler = inner };

    private async Task ArriveAsync(CancellationToken ct)
    {
        if (Interlocked.Increment(ref _waiting) == workers)
        {
            _open.TrySetResult();
        }

        await _open.Task.WaitAsync(Timeout, ct);
    }

    private sealed class Gated(StartGate gate) : DelegatingHandler
    {
        private int _passed;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var isToken = request.RequestUri?.AbsolutePath.EndsWith("/oauth/token", StringComparison.Ordinal) == true;
            if (!isToken && Interlocked.Exchange(ref _passed, 1) == 0)
            {
                await gate.ArriveAsync(cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
