using System.CommandLine;

namespace SoundGraph.Cli.Parsing;

/// <summary>The <c>--spill FILE</c> option of the API commands: every response appended as a JSON line (the raw spill,
/// <see cref="Ingest.Harvest.SpillWriter"/>), secrets redacted.</summary>
public static class SpillOption
{
    /// <summary>A new <c>--spill</c> option.</summary>
    /// <returns>The option (value null when not given).</returns>
    public static Option<string?> Create() =>
        new("--spill") { Description = "Append every API response (secrets redacted) as a JSON line to this file, before it is parsed." };
}
