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
    /// <returns>True when the kill hit a running process, false when it had already exited.</returns>
    public static async Task<bool> RunKillingAtAsync(IEnumerable<string> args, TimeSpan moment)
    {
        using var process = Start(args);
        await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(moment));
        var killed = !process.HasExited;
        if (killed)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        return killed;
    }
}
