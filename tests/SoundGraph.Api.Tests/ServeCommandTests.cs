using System.Net;
using System.Net.Sockets;
using SoundGraph.Cli;
using SoundGraph.Cli.Commands;
using Spectre.Console;

namespace SoundGraph.Api.Tests;

/// <summary><c>sgr serve</c>, run in-process on a free loopback port.</summary>
[Collection(ApiFixtureGroup.Name)]
public sealed class ServeCommandTests(ApiFixture api)
{
    [Fact]
    public async Task Serve_DemoStore_AnswersOverHttpAndExitsZeroWhenStopped()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = new SignallingWriter("Ctrl+C to stop");
        var error = new StringWriter();
        var run = CliApp.RunAsync(["serve", "--db", api.Db, "--urls", "http://127.0.0.1:0"], Console(output), error, stop.Token);

        var line = await output.Seen.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var url = line.Split(' ')[3];
        Assert.Matches(@"^SoundGraph API on http://127\.0\.0\.1:\d+ \(store: SQLite .*demo\.db\) — Ctrl\+C to stop", line);
        using (var http = new HttpClient())
        {
            var health = await http.GetAsync(new Uri(url + "/health"));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await run);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public async Task Serve_HeadOverKestrel_SendsHeadersWithoutABody()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = new SignallingWriter("Ctrl+C to stop");
        var run = CliApp.RunAsync(["serve", "--db", api.Db, "--urls", "http://127.0.0.1:0"], Console(output), new StringWriter(), stop.Token);
        var url = new Uri((await output.Seen.Task.WaitAsync(TimeSpan.FromMinutes(1))).Split(' ')[3]);

        // Twice: the second answer comes from the output cache, which the first (a HEAD) filled.
        var first = await RawAsync(url, "HEAD /api/artists/1 HTTP/1.1");
        var second = await RawAsync(url, "HEAD /api/artists/1 HTTP/1.1");
        var health = await RawAsync(url, "HEAD /health HTTP/1.1");
        var get = await RawAsync(url, "GET /api/artists/1 HTTP/1.1");

        await stop.CancelAsync();
        Assert.Equal(0, await run);
        foreach (var head in new[] { first, second, health })
        {
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", head, StringComparison.Ordinal);
            Assert.Contains("Content-Type: application/json; charset=utf-8\r\n", head, StringComparison.Ordinal);
            Assert.EndsWith("\r\n\r\n", head, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Age:", first, StringComparison.Ordinal);
        Assert.Contains("Age:", second, StringComparison.Ordinal);
        Assert.Contains("\"name\":", get[get.IndexOf("\r\n\r\n", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_EmptyStore_WarnsAndServesZeros()
    {
        var empty = Path.Combine(Path.GetTempPath(), "sg-empty-" + Guid.NewGuid().ToString("N") + ".db");
        await File.WriteAllBytesAsync(empty, []);
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var output = new SignallingWriter("Ctrl+C to stop");
            var error = new StringWriter();
            var run = CliApp.RunAsync(["serve", "--db", empty, "--urls", "http://127.0.0.1:0"], Console(output), error, stop.Token);
            var url = (await output.Seen.Task.WaitAsync(TimeSpan.FromMinutes(1))).Split(' ')[3];

            string health;
            using (var http = new HttpClient())
            {
                health = await http.GetStringAsync(new Uri(url + "/health"));
            }

            await stop.CancelAsync();
            Assert.Equal(0, await run);
            Assert.Equal("warning: the store is empty: run `sgr demo` or `sgr import …` first (serving it anyway: every search is empty, every id a 404).\n", error.ToString().ReplaceLineEndings("\n"));
            Assert.Equal("{\"status\":\"ok\",\"provider\":\"sqlite\",\"tracks\":0,\"artists\":0,\"users\":0,\"relations\":0}", health);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(empty);
        }
    }

    [Theory]
    [InlineData("notaurl", "notaurl")]
    [InlineData("ftp://127.0.0.1:21", "ftp://127.0.0.1:21")]
    [InlineData("0.0.0.0:5080", "0.0.0.0:5080")]
    [InlineData("http://127.0.0.1:5080;bad", "bad")]
    public async Task Serve_InvalidUrls_FailsWithOneLineAndNoWarning(string urls, string bad)
    {
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["serve", "--db", api.Db, "--urls", urls], Console(new StringWriter()), error);

        Assert.Equal(CliApp.Failure, code);
        Assert.Equal($"error: --urls: '{bad}' is not an http:// or https:// address (such as http://127.0.0.1:5080).\n", error.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("https://localhost:5001;http://[::1]:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:80")]
    public void CheckUrls_ValidAddresses_Passes(string urls)
    {
        ServeCommand.CheckUrls(urls);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5087", "http://0.0.0.0:5087")]
    [InlineData("http://127.0.0.1:5087;http://*:5088", "http://*:5088")]
    public async Task Serve_BeyondLoopbackWithoutSignIn_RefusesWithOneSentence(string urls, string open)
    {
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["serve", "--db", api.Db, "--urls", urls], Console(new StringWriter()), error);

        Assert.Equal(CliApp.Failure, code);
        Assert.Equal($"error: Refusing to listen on {open} without sign-in: set SoundGraph:Auth:Authority, ClientId and ClientSecret (see docs/accounts.md), or listen on 127.0.0.1 only.\n",
            error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Build_KestrelEndpointBeyondLoopbackWithoutSignIn_Refuses()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SoundGraphApi.Build(null, ["--SoundGraph:Db=" + api.Db, "--Kestrel:Endpoints:Open:Url=http://0.0.0.0:5089"]));

        Assert.StartsWith("Refusing to listen on http://0.0.0.0:5089 without sign-in", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PortInUse_FailsWithOneLine()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["serve", "--db", api.Db, "--urls", $"http://127.0.0.1:{port}"], Console(new StringWriter()), error);

        Assert.Equal(CliApp.Failure, code);
        Assert.Equal($"error: Cannot listen on http://127.0.0.1:{port}: the port is in use (stop the other server, or pass --urls http://127.0.0.1:<another port>).\n", error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Serve_MissingStore_FailsWithOneLine()
    {
        var missing = Path.Combine(Path.GetTempPath(), "sg-missing-" + Guid.NewGuid().ToString("N") + ".db");
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["serve", "--db", missing], Console(new StringWriter()), error);

        Assert.Equal(CliApp.Failure, code);
        Assert.Equal($"error: There is no store at '{missing}': run `sgr demo` or `sgr import …` first, or pass --db.\n", error.ToString().ReplaceLineEndings("\n"));
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task Serve_NegativeCacheSeconds_FailsWithOneLine()
    {
        var error = new StringWriter();

        var code = await CliApp.RunAsync(["serve", "--db", api.Db, "--cache-seconds", "-1"], Console(new StringWriter()), error);

        Assert.Equal(CliApp.Failure, code);
        Assert.Equal("error: --cache-seconds must be 0 or more (got -1).\n", error.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "")]
    [InlineData("http://localhost:5080", "")]
    [InlineData("http://[::1]:5080", "")]
    [InlineData("http://0.0.0.0:5080", "http://0.0.0.0:5080")]
    [InlineData("http://*:5080", "http://*:5080")]
    [InlineData("http://+:80", "http://+:80")]
    [InlineData("http://127.0.0.1:5080;http://192.168.1.10:5080", "http://192.168.1.10:5080")]
    [InlineData("https://music.example.org", "https://music.example.org")]
    public void NonLoopback_Urls_ListsTheAddressesOtherMachinesReach(string urls, string expected)
    {
        Assert.Equal(expected, string.Join(';', ServeCommand.NonLoopback(urls)));
    }

    /// <summary>Sends one request line over a plain socket and returns everything the server sent until it closed.</summary>
    private static async Task<string> RawAsync(Uri server, string requestLine)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        var request = System.Text.Encoding.ASCII.GetBytes($"{requestLine}\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static IAnsiConsole Console(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(output),
    });

    /// <summary>Completes <see cref="Seen"/> with the first written line that contains a marker.</summary>
    private sealed class SignallingWriter(string marker) : StringWriter
    {
        private readonly System.Text.StringBuilder _line = new();

        public TaskCompletionSource<string> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Write(char value)
        {
            base.Write(value);
            if (value == '\n')
            {
                var line = _line.ToString().TrimEnd('\r');
                _line.Clear();
                if (line.Contains(marker, StringComparison.Ordinal))
                {
                    Seen.TrySetResult(line);
                }
            }
            else
            {
                _line.Append(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            for (var i = 0; i < count; i++)
            {
                Write(buffer[index + i]);
            }
        }

        public override void Write(string? value)
        {
            foreach (var c in value ?? string.Empty)
            {
                Write(c);
            }
        }
    }
}
