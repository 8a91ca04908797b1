using System.Diagnostics;
using System.Globalization;

namespace SoundGraph.Cli.Bench;

/// <summary>CPU seconds used by this process and by its children that have exited (ffmpeg, ffprobe): on Linux from
/// /proc/self/stat (utime + stime, cutime + cstime, in clock ticks of 1/100 s, the USER_HZ every Linux ABI fixes);
/// elsewhere this process only, children 0.</summary>
internal static class CpuClock
{
    private const double TicksPerSecond = 100;

    /// <summary>Where the numbers come from, for the bench's footnote.</summary>
    public static string Source => File.Exists("/proc/self/stat") ? "/proc/self/stat" : "this process only: children not counted on this OS";

    /// <summary>(this process, reaped children) CPU seconds so far.</summary>
    public static (double Self, double Children) Read()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, 0);
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double Field(int n) => double.Parse(fields[n - 3], CultureInfo.InvariantCulture) / TicksPerSecond;
        return (Field(14) + Field(15), Field(16) + Field(17));
    }
}
