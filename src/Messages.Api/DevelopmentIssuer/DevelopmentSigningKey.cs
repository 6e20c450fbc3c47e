using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.DevelopmentIssuer;

/// <summary>
/// The development issuer's RSA key: created on first use, kept as a PEM file readable only by its
/// owner, and reused on every later start so tokens survive restarts.
/// </summary>
public sealed class DevelopmentSigningKey : IDisposable
{
    private readonly RSA _rsa;

    private DevelopmentSigningKey(RSA rsa)
    {
        _rsa = rsa;
        var publicJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)));
        // RFC 7638 thumbprint: the same key always gets the same kid.
        KeyId = Base64UrlEncoder.Encode(publicJwk.ComputeJwkThumbprint());
        Key = new RsaSecurityKey(rsa) { KeyId = KeyId };
    }

    public string KeyId { get; }

    public RsaSecurityKey Key { get; }

    public static DevelopmentSigningKey LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            Create(path);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return new DevelopmentSigningKey(rsa);
    }

    /// <summary>The public half, as the JWKS publishes it.</summary>
    public IReadOnlyDictionary<string, string> PublicJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = SecurityAlgorithms.RsaSha256,
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    public string CreateToken(
        string audience, string subject, string? scope, IReadOnlyList<string> permissions, TimeSpan lifetime,
        string issuer = DevelopmentIssuerSettings.Issuer)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (!string.IsNullOrWhiteSpace(scope))
        {
            claims["scope"] = scope;
        }

        if (permissions.Count > 0)
        {
            claims["permissions"] = permissions.ToArray();
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => _rsa.Dispose();

    // Written to a private temporary file, then moved into place, so that a server and a token command
    // starting together never read half a key: the first move wins and the other keeps the winner's key.
    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var rsa = RSA.Create(2048))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(temporary, options);
            writer.Write(rsa.ExportPkcs8PrivateKeyPem());
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
