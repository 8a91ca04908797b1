using System.Globalization;
using SoundGraph.FakeListenBrainz;

// The fake ListenBrainz as a stand-alone process: a demo target for `sgr sync listenbrainz --base-url …`.
// Its listening history is SYNTHETIC (invented artists and tracks). Usage: [--port N] [--listens N] [--rate-limit N]
var port = 0;
var listens = 25_000;
var rateLimit = 10;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--port": port = value; break;
        case "--listens": listens = value; break;
        case "--rate-limit": rateLimit = value; break;
        default: Console.Error.WriteLine("usage: [--port N] [--listens N] [--rate-limit N]"); return 2;
    }
}

var world = FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = listens, SameSecondPairs = Math.Min(300, listens / 10), BoundaryPairs = Math.Min(40, listens / 1000) });
await using var server = await FakeListenBrainzServer.StartAsync(world, new FakeListenBrainzOptions { Port = port, RateLimit = rateLimit });
Console.WriteLine($"Fake ListenBrainz (SYNTHETIC listens: {world.Count} of user '{world.UserName}', {world.SameSecondPairs} same-second pairs)");
Console.WriteLine($"  API base: {server.BaseUri}");
Console.WriteLine("  Token:    synthetic-token   (demo token of this fake only)");
Console.WriteLine("Ctrl+C stops it.");
var done = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; done.TrySetResult(); };
await done.Task;
Console.WriteLine($"requests={server.Stats.Requests} 429s={server.Stats.Served429} violations={server.Stats.RateLimitViolations}");
return 0;
