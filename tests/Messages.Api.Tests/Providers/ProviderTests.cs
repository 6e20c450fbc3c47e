using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Providers;

/// <summary>
/// Each provider of the README's Providers section, with its settings as printed there and tokens in
/// its own shape, through the real JwtBearer validation: the quickstart's three routes answer
/// 200/200/200 with read:messages and 200/200/403 without it, and the provider's wrong tokens are refused.
/// </summary>
public sealed class ProviderTests
{
    [Theory]
    [MemberData(nameof(ProviderProfiles.Names), MemberType = typeof(ProviderProfiles))]
    public async Task Get_ProviderTokens_AnswerLikeTheQuickstart(string name)
    {
        var profile = ProviderProfiles.Named(name);
        await using var api = await ApiFactory.StartOwnAsync(profile.TestSettings(), issuerPath: profile.IssuerPath);

        var answers = new List<string>();
        foreach (var shape in profile.Tokens)
        {
            answers.Add($"{shape.Kind} with {ProviderProfiles.ReadScope}: {await AnswersAsync(api, shape.Create(api.Issuer, true))}");
            answers.Add($"{shape.Kind} without it: {await AnswersAsync(api, shape.Create(api.Issuer, false))}");
        }

        var expected = profile.Tokens.SelectMany(shape => new[]
        {
            $"{shape.Kind} with {ProviderProfiles.ReadScope}: 200 200 200",
            $"{shape.Kind} without it: 200 200 403",
        });
        Assert.Equal(expected, answers);
    }

    [Theory]
    [MemberData(nameof(ProviderProfiles.Names), MemberType = typeof(ProviderProfiles))]
    public async Task Get_ProviderTokensNotForThisApi_AreRefused(string name)
    {
        var profile = ProviderProfiles.Named(name);
        await using var api = await ApiFactory.StartOwnAsync(profile.TestSettings(), issuerPath: profile.IssuerPath);

        var answers = new List<string>();
        foreach (var refusal in profile.Refusals)
        {
            var answer = await api.GetAsync(refusal.Path, AuthMatrix.Bearer(refusal.Create(api.Issuer)));
            answers.Add($"{refusal.What}: {answer.Status} {answer.Code}");
        }

        Assert.NotEmpty(profile.Refusals);
        Assert.Equal(profile.Refusals.Select(refusal => $"{refusal.What}: {refusal.Status} {refusal.Code}"), answers);
    }

    [Fact]
    public async Task Get_TokenWithIssuerOfItsOwnForm_IsCheckedExactly()
    {
        var profile = ProviderProfiles.Named("Okta");
        await using var api = await ApiFactory.StartOwnAsync(profile.TestSettings(), issuerPath: profile.IssuerPath);

        var withSlash = await api.GetAsync(AuthMatrix.Private, AuthMatrix.Bearer(api.Issuer.CreateToken(new()
        {
            Issuer = api.Issuer.Issuer + "/",
            Audience = "api://default",
        })));

        Assert.EndsWith("/oauth2/default", api.Issuer.Issuer, StringComparison.Ordinal);
        Assert.Equal((401, "invalid_issuer"), (withSlash.Status, withSlash.Code));
    }

    private static async Task<string> AnswersAsync(ApiFactory api, string token)
    {
        var authorization = AuthMatrix.Bearer(token);
        var statuses = new List<int>();
        foreach (var path in new[] { AuthMatrix.Public, AuthMatrix.Private, AuthMatrix.Scoped })
        {
            statuses.Add((await api.GetAsync(path, authorization)).Status);
        }

        return string.Join(' ', statuses);
    }
}
