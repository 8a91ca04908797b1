namespace SoundGraph.Cli.Tests;

public sealed class GoldenTests
{
    [Fact]
    public void JsonDifference_LastDigitsOfASumInAnotherOrder_Match()
    {
        // The AVX-512 vs AVX2 difference seen in the demo track report's audio section.
        Assert.Null(Golden.JsonDifference("""{"score": 0.9865139557997096}""", """{"score": 0.9865139557997094}"""));
    }

    [Theory]
    [InlineData("""{"score": 0.98651}""", """{"score": 0.98652}""", "$.score: 0.98651 expected, 0.98652 found")]
    [InlineData("""{"a": [1, 2]}""", """{"a": [1, 2, 3]}""", "$.a: 2 elements expected, 3 found")]
    [InlineData("""{"a": "x"}""", """{"a": "y"}""", "$.a: \"x\" expected, \"y\" found")]
    [InlineData("""{"a": 1, "b": 2}""", """{"b": 2, "a": 1}""", "$: keys [a, b] expected, [b, a] found")]
    [InlineData("""{"a": 1}""", """{"a": "1"}""", "$.a: 1 expected, \"1\" found")]
    [InlineData("""{"n": 1000000000000}""", """{"n": 1000000000001}""", "$.n: 1000000000000 expected, 1000000000001 found")]
    public void JsonDifference_RealDifferences_NameThePath(string expected, string actual, string difference)
    {
        Assert.StartsWith(difference, Golden.JsonDifference(expected, actual), StringComparison.Ordinal);
    }
}
