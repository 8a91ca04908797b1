namespace SoundGraph.Api;

/// <summary>Entry point of the API on its own (<c>dotnet run --project src/SoundGraph.Api</c>); <c>sgr serve</c> is the
/// usual way to start it. Settings come from configuration (<c>SoundGraph:Db</c> or <c>SOUNDGRAPH_DB</c>, <c>--urls</c>).</summary>
#pragma warning disable CA1052 // not static: WebApplicationFactory<Program> needs a type argument, and static types cannot be one.
public sealed class Program
#pragma warning restore CA1052
{
    private Program()
    {
    }

    /// <summary>Builds and runs the API until Ctrl+C.</summary>
    public static async Task Main(string[] args)
    {
        await using var app = SoundGraphApi.Build(options: null, args);
        await app.RunAsync().ConfigureAwait(false);
    }
}
