using System.Globalization;
using SoundGraph.FakeLastFm;

// The fake Last.fm as a stand-alone process: a demo target for `sgr sync lastfm` and `sgr tags lastfm` with --base-url.
// Its world is SYNTHETIC (invented listeners, artists, tracks and tags). Usage: [--port N] [--scrobbles N] [--rate-limit N]
var port = 0;
var scrobbles = 2_000;
var rateLimit = 5;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--port": port = value; break;
        case "--scrobbles": scrobbles = value; break;
        case "--rate-limit": rateLimit = value; break;
        default: Console.Error.WriteLine("usage: [--port N] [--scrobbles N] [--rate-limit N]"); return 2;
    }
}

var world = FakeLastFmWorld.Generate(new FakeLastFmWorldOptions { Scrobbles = scrobbles });
await using var server = await FakeLastFmServer.StartAsync(world, new FakeLastFmOptions { Port = port, RateLimit = rateLimit });
Console.WriteLine("Fake Last.fm (a SYNTHETIC world: invented listeners, artists, tracks and tags)");
Console.WriteLine($"  API root: {server.BaseUri}");
Console.WriteLine("  API key:  synthetic-key   (demo key of this fake only; suspended-key answers error 26)");
Console.WriteLine($"  Users:    {FakeLastFmWorld.Scrobbler} ({world.Count(FakeLastFmWorld.Scrobbler)} scrobbles + now playing), {FakeLastFmWorld.Growing} (grows while read),");
Console.WriteLine($"            {FakeLastFmWorld.Broken} (two broken items), {FakeLastFmWorld.Private} (private: error 17)");
Console.WriteLine("Ctrl+C stops it.");
var done = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; done.TrySetResult(); };
await done.Task;
Console.WriteLine($"requests={server.Stats.Requests} error29={server.Stats.Served29} violations={server.Stats.RateLimitViolations}");
return 0;
