using System.Net.Http.Json;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Authentication;

[Collection(ApiCollection.Name)]
public sealed class QuickstartMatrixTests(ApiFactory api)
{
    [Theory]
    [MemberData(nameof(AuthMatrix.Names), MemberType = typeof(AuthMatrix))]
    public async Task Get_MatrixCase_AnswersExpectedStatusAndCode(string name)
    {
        var expected = AuthMatrix.Cases[name];
        using var client = api.CreateClient(expected.Authorization(api.Issuer));

        using var response = await client.GetAsync(expected.Path);

        Assert.Equal(expected.Status, (int)response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (expected.Code is null)
        {
            Assert.Equal(AuthMatrix.Messages[expected.Path], body.GetProperty("message").GetString());
        }
        else
        {
            Assert.Equal(expected.Code, body.GetProperty("code").GetString());
        }
    }
}
