using System.Text;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Tests.Security;

/// <summary>
/// Generates Authorization header values from a seed: a scheme (right, wrong, oddly spaced or absent),
/// then a token whose three segments are each kept, mutated, replaced by random base64url or random
/// JSON, or dropped; or a token of another shape, or plain noise. The base token is signed with a key
/// the issuer never published, under the issuer's kid, so no input can be a valid token by chance.
/// The same seed and base token give the same inputs.
/// </summary>
public sealed class AuthorizationFuzzer(int seed, string baseToken, string issuerUrl)
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string Noise = Base64UrlAlphabet + Base64UrlAlphabet + ".=+/ \t\"'{}[]:,\\%!*~\u00e9\u00a0\u20ac";

    // Weighted towards a well-formed header, so that most inputs reach token validation.
    private static readonly string[] _schemes =
        ["Bearer ", "Bearer ", "Bearer ", "Bearer ", "Bearer ", "Bearer ", "bearer ", "BEARER ", "Bearer  ", " Bearer ", "Bearer\t", "Bearer", "Basic ", ""];
    private static readonly string[] _suffixes = ["", "", "", "", "", "", "", "", " ", "\t", " x", ", Bearer a.b.c"];
    private static readonly string[] _algorithms = ["RS256", "none", "None", "NONE", "HS256", "HS512", "RS384", "PS256", "ES256", "", "RS256 "];
    private static readonly string[] _types = ["JWT", "at+jwt", "jwt", "JWE", "dpop+jwt", ""];

    private readonly Random _random = new(seed);
    private readonly string[] _base = baseToken.Split('.');

    // Random payloads carry times around the base token's own, so a seed and a base token fix every input.
    private readonly long _now = new DateTimeOffset(new JsonWebToken(baseToken).IssuedAt).ToUnixTimeSeconds();

    /// <summary>A token that would grant read:messages, but signed by a key the issuer never published.</summary>
    public static string BaseToken(TestIssuer issuer) => issuer.CreateToken(new()
    {
        Subject = HostileCases.RejectedSubject,
        Scope = "read:messages",
        Key = issuer.UnpublishedKey(TestIssuer.KeyId),
    });

    /// <summary>Half the inputs attack the header and the token's shape, half its content: well-formed JSON in a proper header.</summary>
    public string Next() => _random.Next(2) == 0
        ? Pick(_schemes) + NextToken() + Pick(_suffixes)
        : $"Bearer {WellFormedSegment(_base[0], header: true)}.{WellFormedSegment(_base[1], header: false)}.{Segment(_base[2], header: false)}";

    private string NextToken() => _random.Next(10) switch
    {
        < 7 => $"{Segment(_base[0], header: true)}.{Segment(_base[1], header: false)}.{Segment(_base[2], header: false)}",
        7 => string.Join('.', Enumerable.Range(0, _random.Next(1, 8)).Select(_ => RandomText(Base64UrlAlphabet, 40))),
        8 => RandomText(Noise, 300),
        _ => RandomText(Base64UrlAlphabet + ".", _random.Next(2) == 0 ? 20_000 : 2_000),
    };

    private string Segment(string original, bool header) => _random.Next(10) switch
    {
        < 4 => original,
        4 or 5 => Mutate(original),
        6 => RandomText(Base64UrlAlphabet, 400),
        7 or 8 => Base64UrlEncoder.Encode(header ? RandomHeader() : RandomPayload()),
        _ => string.Empty,
    };

    private string WellFormedSegment(string original, bool header) =>
        _random.Next(3) == 0 ? original : Base64UrlEncoder.Encode(header ? RandomHeader() : RandomPayload());

    private string Mutate(string segment)
    {
        var text = new StringBuilder(segment);
        for (var change = _random.Next(1, 4); change > 0 && text.Length > 0; change--)
        {
            var at = _random.Next(text.Length);
            switch (_random.Next(3))
            {
                case 0:
                    text[at] = Noise[_random.Next(Noise.Length)];
                    break;
                case 1:
                    text.Insert(at, Noise[_random.Next(Noise.Length)]);
                    break;
                default:
                    text.Remove(at, 1);
                    break;
            }
        }

        return text.ToString();
    }

    private string RandomHeader()
    {
        var header = new Dictionary<string, object> { ["alg"] = Pick(_algorithms), ["typ"] = Pick(_types) };
        if (_random.Next(2) == 0)
        {
            header["kid"] = _random.Next(2) == 0 ? TestIssuer.KeyId : RandomText(Base64UrlAlphabet, 20);
        }

        if (_random.Next(6) == 0)
        {
            header["crit"] = new[] { "exp" };
        }

        if (_random.Next(6) == 0)
        {
            header["jku"] = issuerUrl + TestIssuer.AttackerJwksPath.TrimStart('/');
        }

        return JsonSerializer.Serialize(header);
    }

    // Mostly claims of the right JSON type (so validation goes past parsing), sometimes of any type.
    private string RandomPayload()
    {
        var now = _now;
        object AnyType() => _random.Next(4) switch
        {
            0 => now,
            1 => new[] { "read:messages" },
            2 => true,
            _ => new Dictionary<string, object> { ["x"] = 1 },
        };

        var payload = new Dictionary<string, object>();
        void Maybe(string name, Func<object> wellTyped)
        {
            if (_random.Next(5) > 0)
            {
                payload[name] = _random.Next(10) == 0 ? AnyType() : wellTyped();
            }
        }

        Maybe("iss", () => _random.Next(2) == 0 ? issuerUrl : RandomText(Base64UrlAlphabet, 30));
        Maybe("aud", () => _random.Next(2) == 0 ? TestIssuer.Audience : new[] { RandomText(Base64UrlAlphabet, 20), TestIssuer.Audience });
        Maybe("exp", () => now + _random.Next(-7200, 7200));
        Maybe("nbf", () => now + _random.Next(-7200, 600));
        Maybe("sub", () => HostileCases.RejectedSubject);
        Maybe("scope", () => _random.Next(2) == 0 ? "read:messages" : RandomText(Noise, 30));
        Maybe("permissions", () => new[] { "read:messages" });
        return JsonSerializer.Serialize(payload);
    }

    private string RandomText(string alphabet, int maxLength)
    {
        var text = new char[_random.Next(maxLength + 1)];
        for (var index = 0; index < text.Length; index++)
        {
            text[index] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(text);
    }

    private string Pick(string[] choices) => choices[_random.Next(choices.Length)];
}
