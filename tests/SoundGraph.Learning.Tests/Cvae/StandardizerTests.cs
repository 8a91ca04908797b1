using SoundGraph.Learning.Cvae;

namespace SoundGraph.Learning.Tests.Cvae;

public sealed class StandardizerTests
{
    [Fact]
    public void Fit_TwoRows_PopulationSdAndConstantColumnSdOne()
    {
        var s = Standardizer.Fit([[1.0, 10], [3.0, 10]]);

        Assert.Equal([2.0, 10], s.Means);
        Assert.Equal([1.0, 1], s.StdDevs);
        Assert.Equal([1.0, 0], s.Transform([3.0, 10]));
        Assert.Equal([0.0, 12], s.Inverse([-2.0, 2]));
    }

    [Fact]
    public void WriteRead_RoundTrip_SameValues()
    {
        var s = new Standardizer([1.5, -2], [0.25, 3]);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            s.Write(writer);
        }

        stream.Position = 0;
        var read = Standardizer.Read(new BinaryReader(stream));

        Assert.Equal(s.Means, read.Means);
        Assert.Equal(s.StdDevs, read.StdDevs);
    }
}
