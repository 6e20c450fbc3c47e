using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Security;

[Collection(ApiCollection.Name)]
public sealed class HostileCaseTests(ApiFactory api)
{
    [Theory]
    [MemberData(nameof(HostileCases.Names), MemberType = typeof(HostileCases))]
    public async Task Get_HostileCase_AnswersExpectedStatusCodeAndChallenge(string name)
    {
        var expected = HostileCases.Cases[name];

        var answer = await api.GetAsync(expected.PathFor(api.Issuer), expected.Authorization(api.Issuer), expected.Copies);

        Assert.Equal((expected.Status, expected.Code, expected.Challenge), (answer.Status, answer.Code, answer.Challenge));
    }

    [Fact]
    public void HostileCases_AreAtLeastSixty()
    {
        Assert.True(HostileCases.Cases.Count >= 60, $"{HostileCases.Cases.Count} hostile cases");
    }

    [Fact]
    public async Task Get_KeyLocatingHeaders_AreNeverFetched()
    {
        var cases = HostileCases.Cases.Where(pair => pair.Key.StartsWith("jku", StringComparison.Ordinal) || pair.Key.StartsWith("x5u", StringComparison.Ordinal)).ToList();

        foreach (var (_, hostile) in cases)
        {
            Assert.Equal(401, (await api.GetAsync(hostile.Path, hostile.Authorization(api.Issuer))).Status);
        }

        Assert.Equal(2, cases.Count);
        Assert.Equal(0, api.Issuer.Fetches(TestIssuer.AttackerJwksPath));
    }
}
