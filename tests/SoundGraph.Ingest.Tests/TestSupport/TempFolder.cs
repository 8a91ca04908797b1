using System.IO.Compression;
using System.Text;

namespace SoundGraph.Ingest.Tests.TestSupport;

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string? name = null)
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sg-ingest-" + Guid.NewGuid().ToString("N"));
        Path = name is null ? Root : System.IO.Path.Combine(Root, name);
        Directory.CreateDirectory(Path);
    }

    public string Root { get; }

    public string Path { get; }

    public string Write(string name, string content, Encoding? encoding = null)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content, encoding ?? new UTF8Encoding(false));
        return file;
    }

    public string Gzip(string name, byte[] content)
    {
        var file = System.IO.Path.Combine(Path, name);
        using var output = File.Create(file);
        using var gz = new GZipStream(output, CompressionLevel.Fastest);
        gz.Write(content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
