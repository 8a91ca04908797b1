namespace SoundGraph.Ingest.Importers.Common;

/// <summary>The outcome of a fast, DOM-free read of one JSON array element (<see cref="JsonArrayStreamReader.ElementReader"/>).</summary>
internal enum JsonFastRead
{
    /// <summary>The element was read whole and is good.</summary>
    Done,

    /// <summary>The buffer ends inside the element: it is read again, from its start, with more bytes.</summary>
    NeedMore,

    /// <summary>The fast reader does not take this element: it is parsed into a <see cref="System.Text.Json.JsonDocument"/> instead.</summary>
    Fallback,
}
