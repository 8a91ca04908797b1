using System.Diagnostics;

namespace SoundGraph.Cli.Tests;

/// <summary>This test build's <c>sgr.dll</c> run as a separate process, for tests that kill it (SIGKILL) or run
/// several at once.</summary>
internal static class SgrChild
{
    /// <summary>Starts <c>dotnet sgr.dll</c> with <paramref name="args"/>. Stdout is drained in the background so a full
    /// pipe never blocks the child; stderr stays redirected for the caller to read when the child fails.</summary>
    /// <param name="args">Command-line arguments after <c>sgr.dll</c>.</param>
    /// <param name="environment">Variables to set (a null value removes one) on top of this process's environment.</param>
    /// <returns>The started process; the caller disposes it.</returns>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sgr.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    /// <summary>Runs <c>sgr.dll</c> with <paramref name="args"/> and kills it (SIGKILL, with its children) at
    /// <paramref name="moment"/> if it is still running then; returns after it has exited.</summary>
    /// <returns>Whether the kill hit a running process (false when it had already exited), how long the process ran, and,
    /// when it exited by itself, its exit code and standard error.</returns>
    public static async Task<(bool Killed, TimeSpan Ran, int ExitCode, string Error)> RunKillingAtAsync(IEnumerable<string> args, TimeSpan moment)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start(args);
        await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(moment));
        var killed = !process.HasExited;
        if (killed)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        var ran = clock.Elapsed;
        return killed ? (true, ran, 0, string.Empty) : (false, ran, process.ExitCode, await process.StandardError.ReadToEndAsync());
    }

    /// <summary>Runs <c>sgr.dll</c> with <paramref name="args"/> again and again, killing each run at a random moment
    /// between the fractions <paramref name="from"/> and <paramref name="to"/> of <paramref name="window"/>, until
    /// <paramref name="hits"/> kills have hit a running process or <paramref name="attempts"/> runs were made.</summary>
    /// <remarks>A run that ends before its kill moment must succeed (exit code 0), and shortens the window to its own length. The window is measured once,
    /// by one uninterrupted run, and that run may have shared the machine with other tests (on CI a first run took 41 s and
    /// the later ones about a third of it, so 6 of 10 kills came too late); the runs themselves are the better measure.</remarks>
    /// <param name="args">Command-line arguments after <c>sgr.dll</c>.</param>
    /// <param name="window">Length of an uninterrupted run, as first measured.</param>
    /// <param name="from">Earliest kill moment, as a fraction of the window.</param>
    /// <param name="to">Latest kill moment, as a fraction of the window.</param>
    /// <param name="random">Source of the kill moments (seeded by the test).</param>
    /// <param name="hits">Kills of a running process after which no more runs are made.</param>
    /// <param name="attempts">Most runs made.</param>
    /// <param name="check">Called after each run, with its index and kill moment, to assert what the store holds.</param>
    /// <returns>How many kills hit a running process.</returns>
    public static async Task<int> KillAtRandomMomentsAsync(
        IReadOnlyList<string> args, TimeSpan window, double from, double to, Random random, int hits, int attempts, Func<int, TimeSpan, Task> check)
    {
        var hit = 0;
        for (var i = 0; i < attempts && hit < hits; i++)
        {
            var moment = TimeSpan.FromMilliseconds((from + ((to - from) * random.NextDouble())) * window.TotalMilliseconds);
            var (killed, ran, exitCode, error) = await RunKillingAtAsync(args, moment);
            if (killed)
            {
                hit++;
            }
            else
            {
                // A run that failed fast must not shrink the window (its kills would then all land before anything ran).
                Assert.True(exitCode == 0, $"run {i}, after the kills before it, ended with exit code {exitCode}: {error}");
                window = ran < window ? ran : window;
            }

            await check(i, moment);
        }

        return hit;
    }
}
