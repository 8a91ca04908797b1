using System.Text.Json;

namespace SoundGraph.Storage.Sqlite;

/// <summary>Reads the SQLite form of a relation list (<c>relation_lists.items</c>, written by
/// <see cref="RelationListJson"/>) without going through the <c>relations</c> view.</summary>
internal static class RelationListReader
{
    /// <summary>Reads the (dst_id, weight) of every element of one list written by <see cref="RelationListJson"/> (or by migration
    /// 0016), in rank order, into <paramref name="into"/> (appended); the count and sample are skipped.</summary>
    /// <param name="utf8">The list's JSON, UTF-8.</param>
    /// <param name="into">Receives one (dst_id, weight) per element.</param>
    /// <exception cref="JsonException">The text is not such a list.</exception>
    /// <remarks>A hot-path alternative to the <c>relations</c> view (<c>json_each</c> plus one <c>json_extract</c> per
    /// column and element): the artist audio section reads a few hundred lists per report.</remarks>
    public static void ReadTargets(ReadOnlySpan<byte> utf8, List<(long Dst, double Weight)> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var reader = new Utf8JsonReader(utf8);
        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            Expect(ref reader, JsonTokenType.Number);
            var dst = reader.GetInt64();
            Expect(ref reader, JsonTokenType.Number);
            into.Add((dst, reader.GetDouble()));
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                // count and sample: scalars, skipped
            }
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("A relation list is not a JSON array of arrays.");
        }
    }

    /// <summary>Reads the first <paramref name="limit"/> elements of one list written by <see cref="RelationListJson"/>
    /// (or by migration 0016), in rank order, into <paramref name="into"/> (appended): dst_id, weight, the exact evidence
    /// count and the stored sample ("12,45,78", or null when none was kept) — what the <c>relations</c> view returns for
    /// those ranks.</summary>
    /// <param name="utf8">The list's JSON, UTF-8.</param>
    /// <param name="limit">The most elements to read (≥ 0); the rest of the list is not parsed.</param>
    /// <param name="into">Receives one (dst_id, weight, count, sample) per element read.</param>
    /// <exception cref="JsonException">The text is not such a list.</exception>
    public static void ReadTop(ReadOnlySpan<byte> utf8, int limit, List<(long Dst, double Weight, long Count, string? Sample)> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var reader = new Utf8JsonReader(utf8);
        Expect(ref reader, JsonTokenType.StartArray);
        for (var read = 0; read < limit && reader.Read() && reader.TokenType == JsonTokenType.StartArray; read++)
        {
            Expect(ref reader, JsonTokenType.Number);
            var dst = reader.GetInt64();
            Expect(ref reader, JsonTokenType.Number);
            var weight = reader.GetDouble();
            Expect(ref reader, JsonTokenType.Number);
            var count = reader.GetInt64();
            if (!reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
            {
                throw new JsonException($"A relation list element has {reader.TokenType} where its evidence sample was expected.");
            }

            into.Add((dst, weight, count, reader.TokenType == JsonTokenType.String ? reader.GetString() : null));
            Expect(ref reader, JsonTokenType.EndArray);
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"A relation list element has {reader.TokenType} where {type} was expected.");
        }
    }
}
