using System.Globalization;

namespace SoundGraph.Storage.Audio;

/// <summary>One dimension of an audio-similarity vector: how the store reads it and how unveil names it in a "why".</summary>
/// <param name="Name">The dimension's column name in the vector statements (the stored column it is read from, e.g.
/// <c>tempo_bpm</c>).</param>
/// <param name="Sql">Portable SQL giving the value (SQLite and PostgreSQL): the column itself, or an expression over it
/// (columns of <c>audio_analysis</c> qualified by the alias <c>a</c>).</param>
/// <param name="Label">What a user reads ("tempo", "pumpiness").</param>
/// <param name="Format">.NET numeric format of a value in a "why" ("0", "0.00").</param>
/// <param name="Unit">Text after the pair of values, e.g. " BPM"; empty for none.</param>
/// <param name="High">Word for a value above the mean ("high", "fast").</param>
/// <param name="Low">Word for a value below the mean ("low", "slow").</param>
public sealed record AudioDimension(string Name, string Sql, string Label, string Format, string Unit = "", string High = "high", string Low = "low")
{
    /// <summary>"fast tempo 128/126 BPM": the word for the side of the mean both values stand on, the label and both values.</summary>
    /// <param name="above">True when both values lie above the mean.</param>
    /// <param name="a">The first track's value, in the dimension's unit.</param>
    /// <param name="b">The second track's value.</param>
    public string Describe(bool above, double a, double b) =>
        $"{(above ? High : Low)} {Label} {a.ToString(Format, CultureInfo.InvariantCulture)}/{b.ToString(Format, CultureInfo.InvariantCulture)}{Unit}";
}
