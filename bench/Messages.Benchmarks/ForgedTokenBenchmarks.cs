using System.Text;
using BenchmarkDotNet.Attributes;
using Messages.Api.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Benchmarks;

/// <summary>
/// The disallowed-algorithm check that runs after a bad signature or an unknown kid, on a forged 16 KiB
/// token: parsing the whole token (as before) against reading the header alone (TokenHeader).
/// </summary>
[MemoryDiagnoser]
public class ForgedTokenBenchmarks
{
    private readonly string _token = Forged();

    [Benchmark(Baseline = true)]
    public string WholeToken() => new JsonWebToken(_token).Alg;

    [Benchmark]
    public string? HeaderOnly() => TokenHeader.TryReadAlgorithm(_token, out var algorithm) ? algorithm : null;

    private static string Forged()
    {
        var header = Base64UrlEncoder.Encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + Guid.NewGuid().ToString("N") + "\"}");
        var payload = Base64UrlEncoder.Encode("{\"sub\":\"" + new string('x', 11 * 1024) + "\",\"exp\":4102444800}");
        var signature = Base64UrlEncoder.Encode(Encoding.ASCII.GetBytes(new string('s', 256)));
        return $"{header}.{payload}.{signature}";
    }
}
