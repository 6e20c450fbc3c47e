using System.Globalization;
using Messages.Api.DevelopmentIssuer;

// A local OpenID Connect issuer for benchmarks and manual runs against a production-configured API:
// serves discovery and JWKS on 127.0.0.1:<port> with issuer http://127.0.0.1:<port>/, and writes
// access tokens to a file, one per line: the first with read:messages for the single-client runs,
// then <count> more, each for a different subject, for the many-clients run.
//
//   dotnet Messages.LocalIssuer.dll <port> <tokens-file> <count> <audience> [key-path]
if (args.Length < 4
    || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var port)
    || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var count))
{
    Console.Error.WriteLine("usage: Messages.LocalIssuer <port> <tokens-file> <count> <audience> [key-path]");
    return 2;
}

var issuer = $"http://127.0.0.1:{port}/";
var audience = args[3];
var keyPath = args.Length > 4 ? args[4] : Path.Combine(Path.GetTempPath(), $"messages-local-issuer-{port}.pem");
using var key = DevelopmentSigningKey.LoadOrCreate(keyPath);

var lifetime = TimeSpan.FromHours(12);
var lines = new List<string> { key.CreateToken(audience, "bench-client", "read:messages", [], lifetime, issuer) };
for (var i = 0; i < count; i++)
{
    lines.Add(key.CreateToken(audience, $"bench-client-{i}", "read:messages", [], lifetime, issuer));
}

File.WriteAllLines(args[1], lines);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(issuer);
var app = builder.Build();
app.MapGet(DevelopmentIssuerEndpoints.DiscoveryPath, () => DevelopmentIssuerEndpoints.DiscoveryDocument(issuer, issuer));
app.MapGet(DevelopmentIssuerEndpoints.JwksPath, () => DevelopmentIssuerEndpoints.JwksDocument(key));
Console.WriteLine($"Local issuer {issuer} ready; {lines.Count} tokens in {args[1]}");
await app.RunAsync();
return 0;
