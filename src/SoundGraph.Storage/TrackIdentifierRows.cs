using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;

namespace SoundGraph.Storage;

/// <summary>The checks both catalog writers apply to a batch's <see cref="CatalogBatch.TrackIdentifiers"/> before writing them.</summary>
internal static class TrackIdentifierRows
{
    /// <summary>Throws unless the record names a known kind, carries that kind's canonical value and method <c>id</c> or
    /// <c>name</c>: the store holds one spelling per identifier, so a look-up by identifier finds every track that has it.</summary>
    /// <param name="record">The identifier record.</param>
    /// <exception cref="ArgumentException">The kind is unknown, the value is not canonical (<see cref="TrackIds.Canonical"/>),
    /// or the method is neither <c>id</c> nor <c>name</c>.</exception>
    public static void Check(TrackIdentifierRecord record)
    {
        if (TrackIds.Canonical(record.Kind, record.Value) != record.Value)
        {
            throw new ArgumentException(
                $"The {record.Kind} identifier \"{record.Value}\" of track '{record.TrackKey}' is not in canonical form ({TrackIds.Canonical(record.Kind, record.Value) ?? "not valid at all"}).",
                nameof(record));
        }

        if (record.Method is not ("id" or "name"))
        {
            throw new ArgumentException($"The identifier method of track '{record.TrackKey}' must be \"id\" or \"name\", was \"{record.Method}\".", nameof(record));
        }
    }
}
