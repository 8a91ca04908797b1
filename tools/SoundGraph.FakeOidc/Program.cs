using System.Runtime.InteropServices;
using SoundGraph.FakeOidc;

// The fake OpenID Connect provider as a stand-alone process: a sign-in target for the demo and for browser tests.
// Its users are TEST users with fixed passwords; its keys are ephemeral. Usage: see CommandLine.Usage.
if (!CommandLine.TryParse(args, out var options, out var help, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

if (help)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

await using var server = await FakeOidcServer.StartAsync(options);
var client = options.Clients[0];
Console.WriteLine("Fake OpenID Connect provider (TEST users only; ephemeral signing keys, gone when it stops)");
Console.WriteLine($"  Issuer:        {server.Issuer}");
Console.WriteLine($"  Discovery:     {server.DiscoveryUri}");
Console.WriteLine($"  Signing:       {options.SigningAlgorithm}, ephemeral key published at {server.Issuer}.well-known/jwks");
Console.WriteLine($"  Client id:     {client.ClientId}");
Console.WriteLine($"  Client secret: {client.ClientSecret}   (demo secret of this fake only)");
Console.WriteLine($"  Redirect URIs: http(s)://127.0.0.1|localhost|[::1]:<any port>{string.Join(", ", client.LoopbackRedirectPaths)}{string.Concat(client.RedirectUris.Select(u => ", " + u))}");
Console.WriteLine("  Test users (user name, e-mail, name, password):");
foreach (var user in options.Users)
{
    Console.WriteLine($"    {user.Subject,-8} {user.Email,-22} {user.Name,-28} {user.Password}{(user.EmailVerified ? "" : "   (e-mail not verified)")}");
}

Console.WriteLine(options.ApproveLoginHint
    ? "  login_hint=<user name or e-mail> signs that user in without the page (test-only shortcut)."
    : "  login_hint is not honoured (--no-login-hint): every sign-in shows the page.");
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
return 0;
