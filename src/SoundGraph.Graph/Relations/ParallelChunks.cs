namespace SoundGraph.Graph.Relations;

/// <summary>Runs a loop over 0..count−1 on all cores in chunks, with exactly one state object per worker.</summary>
/// <remarks>
/// Unlike <see cref="Parallel.For(int, int, Action{int})"/> with thread-local state, whose replicated tasks may call the
/// initializer many times, the state here (large scratch arrays) is created once per worker. Results must be written by
/// index, which keeps the output independent of scheduling.
/// </remarks>
internal static class ParallelChunks
{
    /// <summary>Calls <paramref name="body"/>(i, state) for every i in [0, <paramref name="count"/>); each worker hands its
    /// state to <paramref name="releaseState"/> (if given) when it finishes, so callers can reuse it.</summary>
    public static void Run<TState>(int count, int chunk, Func<TState> createState, Action<int, TState> body, Action<TState>? releaseState = null)
    {
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, (count + chunk - 1) / Math.Max(1, chunk)));
        var next = 0;
        void Work()
        {
            var state = createState();
            int start;
            while ((start = Interlocked.Add(ref next, chunk) - chunk) < count)
            {
                var end = Math.Min(count, start + chunk);
                for (var i = start; i < end; i++)
                {
                    body(i, state);
                }
            }

            releaseState?.Invoke(state);
        }

        if (workers == 1)
        {
            Work();
            return;
        }

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => Work());
    }
}
