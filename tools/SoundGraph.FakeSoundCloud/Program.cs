using System.Runtime.InteropServices;
using SoundGraph.FakeSoundCloud;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.FakeSoundCloud.World;

// The fake SoundCloud as a stand-alone process: a demo target for `sgr harvest soundcloud`. The world is synthetic.
if (!CommandLine.TryParse(args, out var parsed, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

if (parsed.Help)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

var generation = System.Diagnostics.Stopwatch.StartNew();
var world = FakeWorld.Generate(parsed.World);
generation.Stop();
await using var server = await FakeSoundCloudServer.StartAsync(world, parsed.Server);
Console.WriteLine($"Fake SoundCloud (SYNTHETIC world: seed {parsed.World.Seed}, {world.UserCount} users, {world.TrackCount} tracks, "
    + $"{world.PlaylistCount} playlists, {world.LikeCount} likes; generated in {generation.ElapsedMilliseconds} ms)");
Console.WriteLine($"  API base:      {server.BaseUri}");
Console.WriteLine($"  Token URL:     {server.TokenUri}");
Console.WriteLine($"  Client id:     {parsed.Server.ClientId}");
Console.WriteLine($"  Client secret: {parsed.Server.ClientSecret}   (demo credentials of this fake only)");
Console.WriteLine("  Popular seed tracks:");
foreach (var track in world.PopularTracks(3))
{
    Console.WriteLine($"    {track.Id}  {world.TrackUrl(track)}  ({track.FavoritingsCount} likers)");
}

Console.WriteLine("Ctrl+C (SIGINT) or `kill` (SIGTERM) stops it.");
var stop = new TaskCompletionSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

// A background job of a non-interactive shell ignores SIGINT, so SIGTERM (plain `kill`) stops it too.
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stop.Task;
Console.WriteLine($"Served {server.Stats.Requests} requests.");
return 0;
