namespace SoundGraph.Cli.Tests;

/// <summary>Runs <c>sgr demo</c> once on a temporary database shared by the demo tests (read-only afterwards).</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-demo-" + Guid.NewGuid().ToString("N"));

    public string Db => Path.Combine(_dir, "demo.db");

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        (ExitCode, Output, Error) = await CliRunner.RunAsync("demo", "--db", Db);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
