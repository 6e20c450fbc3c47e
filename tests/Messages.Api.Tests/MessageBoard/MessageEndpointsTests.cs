using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.MessageBoard;

/// <summary>The messages resource end to end: real tokens, the real pipeline, a real SQLite file.</summary>
[Collection(ApiCollection.Name)]
public sealed class MessageEndpointsTests(ApiFactory api)
{
    private const string UnknownId = "0192f1c4-5b7e-7cc3-a1d2-3e4f5a6b7c8d";

    [Fact]
    public async Task Create_ValidText_Returns201WithLocationAndStoredMessage()
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Write, subject: "auth0|creator"));
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var response = await client.PostAsJsonAsync(MessageBoardApi.Route, new { text = "  Hello, board!  " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var message = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = message.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParseExact(id, "D", out var guid));
        Assert.Equal(7, guid.Version);
        Assert.Equal($"/api/messages/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Hello, board!", message.GetProperty("text").GetString());
        Assert.Equal("auth0|creator", message.GetProperty("author").GetString());
        Assert.InRange(message.GetProperty("createdAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Get_CreatedMessage_ReturnsWhatCreateReturned()
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Read));
        var created = await MessageBoardApi.CreateMessageAsync(client, api.Issuer, "read me back");

        using var response = await client.GetAsync($"{MessageBoardApi.Route}/{created.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created.GetRawText(), (await response.Content.ReadFromJsonAsync<JsonElement>()).GetRawText());
    }

    [Fact]
    public async Task Get_UnknownId_Returns404MessageNotFound()
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Read));

        using var response = await client.GetAsync($"{MessageBoardApi.Route}/{UnknownId}");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "message_not_found");
    }

    [Fact]
    public async Task List_SeveralPages_NewestFirstWithoutGapsOrRepeats()
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Read));
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await MessageBoardApi.CreateMessageAsync(client, api.Issuer, $"page test {i}")).GetProperty("id").GetString()!);
        }

        var all = await MessageBoardApi.ListAllAsync(client, api.Issuer, limit: 2);

        var ids = all.Select(message => message.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Enumerable.Reverse(created), ids.Take(5));
        var times = all.Select(message => message.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(time => time), times);
    }

    [Fact]
    public async Task List_WithoutLimit_ReturnsAtMostTheDefaultPage()
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Read));
        for (var i = 0; i < 21; i++)
        {
            await MessageBoardApi.CreateMessageAsync(client, api.Issuer, $"default page {i}");
        }

        var page = await client.GetFromJsonAsync<JsonElement>(MessageBoardApi.Route);

        Assert.Equal(20, page.GetProperty("items").GetArrayLength());
        Assert.NotNull(page.GetProperty("nextCursor").GetString());
    }

    [Fact]
    public async Task Delete_ByAuthor_Returns204AndMessageIsGone()
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.ReadWrite));
        var id = (await MessageBoardApi.CreateMessageAsync(client, api.Issuer, "short-lived")).GetProperty("id").GetString();

        using var deleted = await client.DeleteAsync($"{MessageBoardApi.Route}/{id}");
        using var read = await client.GetAsync($"{MessageBoardApi.Route}/{id}");
        using var again = await client.DeleteAsync($"{MessageBoardApi.Route}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertProblemAsync(read, HttpStatusCode.NotFound, "message_not_found");
        await AssertProblemAsync(again, HttpStatusCode.NotFound, "message_not_found");
    }

    [Fact]
    public async Task Delete_BySomeoneElseWithWriteScope_Returns403NotMessageAuthorAndKeepsMessage()
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.ReadWrite, subject: "auth0|mallory"));
        var id = (await MessageBoardApi.CreateMessageAsync(client, api.Issuer, "alice's", subject: "auth0|alice")).GetProperty("id").GetString();

        using var response = await client.DeleteAsync($"{MessageBoardApi.Route}/{id}");
        using var read = await client.GetAsync($"{MessageBoardApi.Route}/{id}");

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "not_message_author");
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Delete_UnknownId_Returns404MessageNotFound()
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Write));

        using var response = await client.DeleteAsync($"{MessageBoardApi.Route}/{UnknownId}");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "message_not_found");
    }

    [Theory]
    [InlineData("""{"text": ""}""", "text")]
    [InlineData("""{"text": "   "}""", "text")]
    [InlineData("""{"text": "two\nlines"}""", "text")]
    [InlineData("""{"text": "nul\u0000"}""", "text")]
    [InlineData("""{}""", "text")]
    [InlineData("""{"text": null}""", "text")]
    public async Task Create_InvalidText_Returns400WithFieldError(string body, string field)
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Write));

        using var response = await client.PostAsync(MessageBoardApi.Route, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(JsonValueKind.Array, problem.GetProperty("errors").GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task Create_TextOverMaximum_Returns400NamingTheLimit()
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Write));

        using var response = await client.PostAsJsonAsync(MessageBoardApi.Route, new { text = new string('x', 501) });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("500", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/messages/not-a-uuid", "id")]
    [InlineData("/api/messages?limit=0", "limit")]
    [InlineData("/api/messages?limit=101", "limit")]
    [InlineData("/api/messages?cursor=bogus", "cursor")]
    public async Task Read_InvalidParameter_Returns400WithFieldError(string path, string field)
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Read));

        using var response = await client.GetAsync(path);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Delete_InvalidId_Returns400WithFieldError()
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Write));

        using var response = await client.DeleteAsync($"{MessageBoardApi.Route}/42");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Create_InvalidBodyWithoutToken_Returns401NotValidation()
    {
        using var client = api.CreateClient(authorization: null);

        using var response = await client.PostAsJsonAsync(MessageBoardApi.Route, new { text = "" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "authorization_header_missing");
        Assert.False(problem.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Create_InvalidBodyWithReadScopeOnly_Returns403NotValidation()
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Read));

        using var response = await client.PostAsJsonAsync(MessageBoardApi.Route, new { text = "" });

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Theory]
    [InlineData("""{"text": "unclosed""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"text": 42}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""["text"]""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("null", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"text": "hello"}""", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("text=hello", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task Create_UnreadableBody_ReturnsProblemNot500(string body, string contentType, HttpStatusCode status)
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Write));

        using var response = await client.PostAsync(MessageBoardApi.Route, new StringContent(body, Encoding.UTF8, contentType));

        await AssertProblemAsync(response, status, code: null);
    }

    [Fact]
    public async Task List_NonNumericLimit_Returns400Problem()
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Read));

        using var response = await client.GetAsync($"{MessageBoardApi.Route}?limit=ten");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, code: null);
    }

    [Theory]
    [InlineData("application/json; charset=foo")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=windows-1252")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=\"\"")]
    public async Task Create_BodyInAnotherCharset_Returns415AndLogsNoneOfIt(string contentType)
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Write));
        var marker = "zq" + Guid.NewGuid().ToString("N");
        using var content = new StringContent("{\"text\": \"hi\"}");
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType.EndsWith("foo", StringComparison.Ordinal) ? contentType + marker + new string('x', 4096) : contentType);

        using var response = await client.PostAsync(MessageBoardApi.Route, content);
        await Task.Delay(200);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, code: "unsupported_charset");
        var logged = string.Join('\n', api.Logs.Events.Select(logEvent => logEvent.RenderMessage() + string.Join(',', logEvent.Properties.Values)));
        Assert.DoesNotContain(marker, logged, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    public async Task Create_BodyInUtf8_Returns201(string contentType)
    {
        using var client = api.CreateClient(api.Issuer.Bearer(MessageBoardApi.Write));
        using var content = new StringContent("{\"text\": \"hi\"}");
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await client.PostAsync(MessageBoardApi.Route, content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("traceId", out _));
        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }

        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("description").GetString());
        }

        return problem;
    }
}
