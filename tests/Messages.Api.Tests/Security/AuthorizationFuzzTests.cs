using System.Collections.Concurrent;
using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Security;

[Collection(ApiCollection.Name)]
public sealed class AuthorizationFuzzTests(ApiFactory api)
{
    /// <summary>Override with MESSAGES_FUZZ_SEED to replay another run; a failure names its seed and index.</summary>
    private static readonly int _seed = int.TryParse(Environment.GetEnvironmentVariable("MESSAGES_FUZZ_SEED"), out var seed) ? seed : 20261128;

    [Fact]
    public async Task Get_TenThousandGeneratedAuthorizationHeaders_AlwaysAnswer400Or401WithAProblem()
    {
        var fuzzer = new AuthorizationFuzzer(_seed, AuthorizationFuzzer.BaseToken(api.Issuer), api.Issuer.Issuer);
        var inputs = Enumerable.Range(0, 10_000).Select(index => (Index: index, Authorization: fuzzer.Next())).ToList();
        var failures = new ConcurrentBag<string>();
        var codes = new ConcurrentDictionary<string, int>();

        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (input, _) =>
        {
            var answer = await api.GetAsync(AuthMatrix.Private, input.Authorization);
            codes.AddOrUpdate(answer.Code ?? "none", 1, (_, count) => count + 1);
            if (answer.Status is not (400 or 401) || answer.Code is null || answer.Challenge is null)
            {
                failures.Add($"seed {_seed} #{input.Index}: {answer} for {Shorten(input.Authorization)}");
            }
        });

        Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(20)));
        Assert.Equal(10_000, codes.Values.Sum());
        // The inputs reach every stage: header and token parsing, algorithm, signature, claims.
        Assert.All(["invalid_header", "invalid_algorithm", "invalid_signature", "invalid_token", "invalid_issuer", "token_expired"], code => Assert.True(codes.ContainsKey(code), string.Join(", ", codes)));
    }

    [Fact]
    public void AuthorizationFuzzer_SameSeed_GeneratesTheSameChoices()
    {
        var baseToken = AuthorizationFuzzer.BaseToken(api.Issuer);
        var first = new AuthorizationFuzzer(7, baseToken, api.Issuer.Issuer);
        var second = new AuthorizationFuzzer(7, baseToken, api.Issuer.Issuer);
        var other = new AuthorizationFuzzer(8, baseToken, api.Issuer.Issuer);

        var firstInputs = Enumerable.Range(0, 200).Select(_ => first.Next()).ToList();
        var secondInputs = Enumerable.Range(0, 200).Select(_ => second.Next()).ToList();
        var otherInputs = Enumerable.Range(0, 200).Select(_ => other.Next()).ToList();

        Assert.Equal(firstInputs, secondInputs);
        Assert.NotEqual(firstInputs, otherInputs);
        Assert.True(firstInputs.Distinct().Count() > 150);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : $"{text[..200]}... ({text.Length} chars)";
}
