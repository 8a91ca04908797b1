namespace SoundGraph.Ingest.Importers.Common;

/// <summary>CRC-32 as gzip uses it (ISO 3309 / ITU-T V.42, reflected polynomial 0xEDB88320; RFC 1952 §8), table-driven.
/// Start from 0xFFFFFFFF, feed the data through <see cref="Update"/>, and complement the result.</summary>
/// <remarks>Written here rather than taken from System.IO.Hashing to keep the package list short; about 0.3 GB/s, well
/// ahead of the decompression it runs beside.</remarks>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Feeds <paramref name="data"/> into the running (uncomplemented) <paramref name="crc"/>.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
