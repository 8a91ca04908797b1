using System.Text.Json;
using System.Text.Unicode;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Returns one shared <see cref="string"/> per distinct JSON string value, so a value repeated across a file
/// (a track URI in thousands of playlists) is decoded into one object instead of one per occurrence.</summary>
/// <remarks>Only short (≤ <see cref="MaxPooledLength"/> UTF-8 bytes), unescaped, valid UTF-8 values are pooled; others, and
/// every value once the pool holds <see cref="MaxEntries"/> strings, come from <see cref="Utf8JsonReader.GetString"/>. The
/// value returned is always equal to <see cref="Utf8JsonReader.GetString"/>'s.</remarks>
internal sealed class Utf8StringPool
{
    /// <summary>Longest value pooled, in UTF-8 bytes.</summary>
    public const int MaxPooledLength = 256;

    /// <summary>Most strings held (about 100 MB at MPD's typical lengths); later new values are not pooled.</summary>
    public const int MaxEntries = 2_000_000;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates an empty pool.</summary>
    public Utf8StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The current token's string value (the reader must be on a <see cref="JsonTokenType.String"/> or
    /// <see cref="JsonTokenType.PropertyName"/>).</summary>
    /// <exception cref="InvalidOperationException">The token is not a string (as <see cref="Utf8JsonReader.GetString"/>).</exception>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxPooledLength || reader.TokenType != JsonTokenType.String)
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[MaxPooledLength];
        if (Utf8.ToUtf16(reader.ValueSpan, chars, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            return reader.GetString()!;
        }

        var value = chars[..written];
        if (_lookup.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        var s = new string(value);
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(s);
        }

        return s;
    }
}
