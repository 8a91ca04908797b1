using System.Globalization;
using System.Runtime.InteropServices;
using SoundGraph.FakeMusicBrainz;

// The fake MusicBrainz as a stand-alone process: a demo target for `sgr resolve musicbrainz --base-url`. SYNTHETIC world.
// Arguments: [--port N] [--recordings N] [--rps R] [--world-from-store <sqlite db path> [--seed S]]
int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
double Rate() => Array.IndexOf(args, "--rps") is var i and >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : 1;
string? Text(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

var fromStore = Text("--world-from-store");
var world = fromStore is null
    ? FakeMbWorld.Generate(Arg("--recordings", 1000))
    : FakeMbWorld.FromTracks(StoreTracks.Read(fromStore), Arg("--seed", 7));
await using var server = await FakeMusicBrainzServer.StartAsync(world, new FakeMusicBrainzOptions { Port = Arg("--port", 0), RequestsPerSecond = Rate() });
Console.WriteLine(fromStore is null
    ? $"Fake MusicBrainz (SYNTHETIC world: {world.Recordings.Count} recordings, not MusicBrainz data) at {server.BaseUri}"
    : $"Fake MusicBrainz (SYNTHETIC world seeded from the track names of {fromStore}: {world.Recordings.Count} made-up recordings for {world.Truth.Count} tracks, not MusicBrainz data) at {server.BaseUri}");
Console.WriteLine("Ctrl+C (SIGINT) or `kill` (SIGTERM) stops it.");
var stop = new TaskCompletionSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stop.Task;
Console.WriteLine($"Served {server.Log.Entries.Count} requests ({server.TooFast} answered 503).");
return 0;
