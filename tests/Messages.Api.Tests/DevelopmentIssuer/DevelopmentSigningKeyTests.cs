using Messages.Api.DevelopmentIssuer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Tests.DevelopmentIssuer;

public sealed class DevelopmentSigningKeyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("messages-dev-key-").FullName;

    private string KeyPath => Path.Combine(_directory, "nested", "key.pem");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LoadOrCreate_NoFile_CreatesPrivateKeyFileOwnerOnly()
    {
        using var key = DevelopmentSigningKey.LoadOrCreate(KeyPath);

        Assert.True(File.Exists(KeyPath));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(KeyPath), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        }

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(KeyPath)!, "*.tmp"));
    }

    [Fact]
    public void LoadOrCreate_SecondStart_ReusesTheSameKey()
    {
        using var first = DevelopmentSigningKey.LoadOrCreate(KeyPath);

        using var second = DevelopmentSigningKey.LoadOrCreate(KeyPath);

        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(first.PublicJwk()["n"], second.PublicJwk()["n"]);
    }

    [Fact]
    public void PublicJwk_HoldsNoPrivateParameters()
    {
        using var key = DevelopmentSigningKey.LoadOrCreate(KeyPath);

        var jwk = key.PublicJwk();

        Assert.Equal(["alg", "e", "kid", "kty", "n", "use"], jwk.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(key.KeyId, jwk["kid"]);
    }

    [Fact]
    public async Task CreateToken_ValidatesWithThePublishedKey()
    {
        using var key = DevelopmentSigningKey.LoadOrCreate(KeyPath);
        var published = new JsonWebKey(System.Text.Json.JsonSerializer.Serialize(key.PublicJwk()));

        var token = key.CreateToken("https://quickstarts/api", "dev-user", "read:messages", ["write:messages"], TimeSpan.FromMinutes(5));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = DevelopmentIssuerSettings.Issuer,
            ValidAudience = "https://quickstarts/api",
            IssuerSigningKey = published,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("read:messages", result.Claims["scope"]);
        Assert.Equal(published.Kid, ((JsonWebToken)result.SecurityToken).Kid);
    }
}
