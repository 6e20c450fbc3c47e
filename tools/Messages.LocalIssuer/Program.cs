using System.Globalization;
using Messages.Api.DevelopmentIssuer;
using Messages.LocalIssuer;

// A local OpenID Connect issuer for benchmarks, the local cluster and manual runs against a
// production-configured API: serves discovery and JWKS on 127.0.0.1:<port> with issuer
// http://127.0.0.1:<port>/, and writes access tokens to a file, one per line: the first with
// read:messages for the single-client runs, then <count> more, each for a different subject.
//
//   dotnet Messages.LocalIssuer.dll <port> <tokens-file> <count> <audience> [key-path | key-folder]
//   dotnet Messages.LocalIssuer.dll token <key-folder> <issuer> <audience> <subject> [scope] [lifetime-minutes]
//   dotnet Messages.LocalIssuer.dll new-key <key-folder>
//
// With a key folder the JWKS publishes every key in it (read again at each JWKS request) and tokens
// are signed with the newest: "new-key" adds a key, which is how the local cluster rotates keys.
if (args is ["new-key", var newKeyFolder])
{
    using var added = KeyFolder.AddKey(newKeyFolder);
    Console.WriteLine(added.KeyId);
    return 0;
}

if (args is ["token", var tokenFolder, var tokenIssuer, var tokenAudience, var subject, .. var rest] && rest.Length <= 2)
{
    var minutes = rest.Length > 1 && int.TryParse(rest[1], CultureInfo.InvariantCulture, out var parsed) ? parsed : 60;
    using var signer = KeyFolder.Newest(tokenFolder);
    Console.WriteLine(signer.CreateToken(tokenAudience, subject, rest.Length > 0 ? rest[0] : null, [], TimeSpan.FromMinutes(minutes), tokenIssuer));
    return 0;
}

if (args.Length < 4
    || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var port)
    || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var count))
{
    Console.Error.WriteLine("usage: Messages.LocalIssuer <port> <tokens-file> <count> <audience> [key-path | key-folder]");
    Console.Error.WriteLine("       Messages.LocalIssuer token <key-folder> <issuer> <audience> <subject> [scope] [lifetime-minutes]");
    Console.Error.WriteLine("       Messages.LocalIssuer new-key <key-folder>");
    return 2;
}

var issuer = $"http://127.0.0.1:{port}/";
var audience = args[3];
var keyPath = args.Length > 4 ? args[4] : Path.Combine(Path.GetTempPath(), $"messages-local-issuer-{port}.pem");
var folder = Directory.Exists(keyPath) ? keyPath : null;
if (folder is not null && KeyFolder.Paths(folder).Length == 0)
{
    KeyFolder.AddKey(folder).Dispose();
}

var lifetime = TimeSpan.FromHours(12);
using (var key = folder is null ? DevelopmentSigningKey.LoadOrCreate(keyPath) : KeyFolder.Newest(folder))
{
    var lines = new List<string> { key.CreateToken(audience, "bench-client", "read:messages", [], lifetime, issuer) };
    for (var i = 0; i < count; i++)
    {
        lines.Add(key.CreateToken(audience, $"bench-client-{i}", "read:messages", [], lifetime, issuer));
    }

    File.WriteAllLines(args[1], lines);
}

using var singleKey = folder is null ? DevelopmentSigningKey.LoadOrCreate(keyPath) : null;
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(issuer);
var app = builder.Build();
app.MapGet(DevelopmentIssuerEndpoints.DiscoveryPath, () => DevelopmentIssuerEndpoints.DiscoveryDocument(issuer, issuer));
app.MapGet(DevelopmentIssuerEndpoints.JwksPath, () => singleKey is not null
    ? DevelopmentIssuerEndpoints.JwksDocument(singleKey)
    : TypedResults.Json(new { keys = KeyFolder.PublicKeys(folder!) }));
Console.WriteLine($"Local issuer {issuer} ready; {count + 1} tokens in {args[1]}");
await app.RunAsync();
return 0;
