namespace SoundGraph.Ingest;

/// <summary>How a CSV/TSV importer decodes its text (<c>sgr import --encoding</c>).</summary>
public enum InputEncoding
{
    /// <summary>The default: each line that is valid UTF-8 is read as UTF-8, a line that is not is read as Windows-1252
    /// (and counted in the report's notes); a UTF-8 byte order mark means <see cref="Utf8"/>, a UTF-16 one UTF-16.</summary>
    Detect,

    /// <summary>UTF-8 only: a line that is not valid UTF-8 is rejected, naming the first bad byte and where it is.</summary>
    Utf8,

    /// <summary>Windows-1252 (cp1252): Latin-1 plus typographic quotes, dashes, € and so on in 0x80–0x9F.</summary>
    Windows1252,

    /// <summary>ISO-8859-1 (Latin-1): every byte is the code point of the same number.</summary>
    Latin1,
}

/// <summary>Names of <see cref="InputEncoding"/> on the command line.</summary>
public static class InputEncodings
{
    /// <summary>The accepted names, one per encoding (aliases: utf8, cp1252, iso-8859-1, latin-1).</summary>
    public static IReadOnlyList<string> Names { get; } = ["utf-8", "windows-1252", "latin1"];

    /// <summary>The encoding called <paramref name="name"/> (case-insensitive): utf-8/utf8, windows-1252/cp1252,
    /// latin1/latin-1/iso-8859-1.</summary>
    /// <exception cref="ArgumentException">Another name; the message lists the accepted ones.</exception>
    public static InputEncoding Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant() switch
        {
            "UTF-8" or "UTF8" => InputEncoding.Utf8,
            "WINDOWS-1252" or "CP1252" or "WINDOWS1252" => InputEncoding.Windows1252,
            "LATIN1" or "LATIN-1" or "ISO-8859-1" or "ISO8859-1" => InputEncoding.Latin1,
            _ => throw new ArgumentException(
                $"Unknown encoding '{name}'. Accepted: {string.Join(", ", Names)} (aliases utf8, cp1252, iso-8859-1); without --encoding each line is read as UTF-8, or as Windows-1252 when it is not valid UTF-8.",
                nameof(name)),
        };
    }

    /// <summary>The command-line name of <paramref name="encoding"/> ("detect" for <see cref="InputEncoding.Detect"/>).</summary>
    public static string Name(InputEncoding encoding) => encoding switch
    {
        InputEncoding.Utf8 => "utf-8",
        InputEncoding.Windows1252 => "windows-1252",
        InputEncoding.Latin1 => "latin1",
        _ => "detect",
    };
}
