using System.Text.Json;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Number reads that answer false for a value of another JSON type (<see cref="JsonElement.TryGetInt64"/>
/// throws on a string or null), so a mistyped field rejects one record instead of aborting the import.</summary>
internal static class JsonNumbers
{
    public static bool TryInt64(JsonElement e, out long value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value);
    }

    public static bool TryInt32(JsonElement e, out int value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value);
    }
}
