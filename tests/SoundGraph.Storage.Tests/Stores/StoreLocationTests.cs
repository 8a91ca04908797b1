namespace SoundGraph.Storage.Tests.Stores;

public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("Host=localhost;Database=sg", StoreProvider.Postgres)]
    [InlineData("host=db;port=5433;database=sg;username=u;password=p", StoreProvider.Postgres)]
    [InlineData("Server=db;User ID=u;SSL Mode=Disable", StoreProvider.Postgres)]
    [InlineData("postgres://u:p@db/sg", StoreProvider.Postgres)]
    [InlineData("Host=db;Password=\"a;b=c\"", StoreProvider.Postgres)]
    [InlineData("soundgraph.db", StoreProvider.Sqlite)]
    [InlineData("/tmp/runs/a=b.db", StoreProvider.Sqlite)]
    [InlineData("./run=3.db", StoreProvider.Sqlite)]
    public void Parse_ValidValues_PicksTheProvider(string db, StoreProvider expected) =>
        Assert.Equal(expected, StoreLocation.Parse(db).Provider);

    [Theory]
    [InlineData("Hots=localhost;Databse=sg", "--db looks like a PostgreSQL connection string but 'Hots' is not a known keyword (did you mean Host?)")]
    [InlineData("Host=localhost;Databse=sg", "--db looks like a PostgreSQL connection string but 'Databse' is not a known keyword (did you mean Database?)")]
    [InlineData("Hots=localhost", "--db looks like a PostgreSQL connection string but 'Hots' is not a known keyword (did you mean Host?)")]
    [InlineData("Host=db;Usernmae=sg", "--db looks like a PostgreSQL connection string but 'Usernmae' is not a known keyword (did you mean Username?)")]
    [InlineData("Host=db;sg", "--db looks like a PostgreSQL connection string but is not one: every part must be keyword=value")]
    [InlineData("Host=db;Port=abc", "--db: 'abc' is not a valid Port")]
    public void Parse_MistypedConnectionString_FailsNamingTheBadPart(string db, string expectedStart)
    {
        var ex = Assert.Throws<StoreException>(() => StoreLocation.Parse(db));
        Assert.StartsWith(expectedStart, ex.Message, StringComparison.Ordinal);
        Assert.Single(ex.Message.Split('\n'));
    }

    [Fact]
    public void Parse_MistypedKeywordBesideAPassword_DoesNotEchoThePassword()
    {
        var ex = Assert.Throws<StoreException>(() => StoreLocation.Parse("Host=db;Pasword=hunter2"));
        Assert.Contains("did you mean Password?", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Pasword=\"x;k=v\"", "did you mean Password?", "x;k")]
    [InlineData("Pasword=hunter2", "did you mean Password?", "hunter2")]
    [InlineData("Host=db;Password=\"unbalanced;sg", "is not one", "unbalanced")]
    public void Parse_BadStringWithAPassword_NeverEchoesThePassword(string db, string expected, string secret)
    {
        var ex = Assert.Throws<StoreException>(() => StoreLocation.Parse(db));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ex.Message, StringComparison.Ordinal);
    }
}
