using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Messages.Api.Tests.Infrastructure;
using Messages.Features.Idempotency;
using Messages.Features.MessageBoard;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Messages.Api.Tests.Idempotency;

/// <summary>
/// Idempotent creates over HTTP with real tokens, written once and run on each database by
/// <see cref="SqliteIdempotencyTests"/> and <see cref="PostgreSqlIdempotencyTests"/>.
/// </summary>
internal static class IdempotencyScenarios
{
    public const int ParallelRepeats = 24;

    private const string Alice = "auth0|alice";
    private const string Bob = "auth0|bob";

    public static async Task SameKeySameBodyReplaysTheFirstAnswerAsync(string provider)
    {
        await using var setup = await Setup.StartAsync(provider);

        using var first = await setup.PostAsync("same text", "\"order-1\"");
        using var second = await setup.PostAsync("same text", "order-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Single(await setup.ListAsync());
    }

    public static async Task SameKeyDifferentBodyIsRefusedAsync(string provider)
    {
        await using var setup = await Setup.StartAsync(provider);

        using var first = await setup.PostAsync("first text", "order-2");
        using var second = await setup.PostAsync("other text", "order-2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertProblemAsync(second, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Single(await setup.ListAsync());
    }

    public static async Task OtherCallerSameKeyGetsItsOwnCreateAsync(string provider)
    {
        await using var setup = await Setup.StartAsync(provider);

        using var alice = await setup.PostAsync("same text", "shared-key", Alice);
        using var bob = await setup.PostAsync("same text", "shared-key", Bob);
        using var bobAgain = await setup.PostAsync("same text", "shared-key", Bob);

        var aliceMessage = await alice.Content.ReadFromJsonAsync<JsonElement>();
        var bobMessage = await bob.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, bob.StatusCode);
        Assert.NotEqual(aliceMessage.GetProperty("id").GetString(), bobMessage.GetProperty("id").GetString());
        Assert.Equal(Bob, bobMessage.GetProperty("author").GetString());
        Assert.Equal(bobMessage.GetRawText(), (await bobAgain.Content.ReadFromJsonAsync<JsonElement>()).GetRawText());
        Assert.Equal(2, (await setup.ListAsync()).Count);
    }

    public static async Task KeyInProgressIsRefusedWithRetryAfterAsync(string provider)
    {
        await using var setup = await Setup.StartAsync(provider);
        await setup.InsertInProgressAsync("in progress", "busy-key", lockedAgo: TimeSpan.FromSeconds(2));

        using var response = await setup.PostAsync("in progress", "busy-key");

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "idempotency_key_in_progress");
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Empty(await setup.ListAsync());
    }

    public static async Task AbandonedKeyIsTakenOverAfterTheLockTimeoutAsync(string provider)
    {
        await using var setup = await Setup.StartAsync(provider);
        await setup.InsertInProgressAsync("left behind", "crashed-key", lockedAgo: TimeSpan.FromMinutes(2));

        using var retry = await setup.PostAsync("left behind", "crashed-key");
        using var again = await setup.PostAsync("left behind", "crashed-key");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Single(await setup.ListAsync());
    }

    public static async Task ExpiredKeyBehavesAsNewAsync(string provider)
    {
        await using var setup = await Setup.StartAsync(provider);
        using var first = await setup.PostAsync("say it twice", "old-key");
        await setup.Database.ExecuteAsync("UPDATE idempotency_keys SET expires_at = 0");

        using var second = await setup.PostAsync("say it twice", "old-key");
        using var third = await setup.PostAsync("say it twice", "old-key");

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual(first.Headers.Location, second.Headers.Location);
        Assert.Equal(second.Headers.Location, third.Headers.Location);
        Assert.Equal(2, (await setup.ListAsync()).Count);
    }

    public static async Task InvalidKeyIsRefusedAsync(string provider)
    {
        await using var setup = await Setup.StartAsync(provider);

        foreach (var header in new[] { new string('k', IdempotencyKeys.MaxLength + 1), "caf\u00e9", "two, keys", "\"open" })
        {
            using var response = await setup.PostAsync("never stored", header);

            var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("idempotencyKey", out _), header);
        }

        Assert.Empty(await setup.ListAsync());
    }

    public static async Task ParallelRepeatsStoreOneMessageAsync(string provider)
    {
        await using var setup = await Setup.StartAsync(provider);

        var responses = await Task.WhenAll(Enumerable.Range(0, ParallelRepeats).Select(_ => Task.Run(async () =>
        {
            using var response = await setup.PostAsync("exactly once", "race-key");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })));

        var created = responses.Where(response => response.StatusCode == HttpStatusCode.Created).Select(response => response.Body).ToList();
        Assert.All(responses, response => Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.NotEmpty(created);
        Assert.Single(created.Distinct());
        Assert.Single(await setup.ListAsync());
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    /// <summary>An issuer, an empty database and a host of their own.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private readonly TestIssuer _issuer;
        private readonly WebApplicationFactory<Program> _host;
        private readonly HttpClient _client;

        private Setup(TestIssuer issuer, TestDatabase database)
        {
            _issuer = issuer;
            Database = database;
            _host = TestHosts.Create("Production", new Dictionary<string, string>(database.Settings)
            {
                ["Auth0:Authority"] = issuer.Issuer,
                ["Auth0:Audience"] = TestIssuer.Audience,
                ["Auth0:RequireHttpsMetadata"] = "false",
            });
            _client = _host.CreateClient();
        }

        public TestDatabase Database { get; }

        public static async Task<Setup> StartAsync(string provider) =>
            new(await TestIssuer.StartAsync(), await TestDatabase.CreateAsync(provider));

        public async Task<HttpResponseMessage> PostAsync(string text, string key, string subject = Alice)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, MessageBoardApi.Route) { Content = JsonContent.Create(new { text }) };
            request.Headers.TryAddWithoutValidation("Authorization", _issuer.Bearer(MessageBoardApi.Write, subject));
            request.Headers.TryAddWithoutValidation(IdempotencyKeys.HeaderName, key);
            return await _client.SendAsync(request);
        }

        public Task<List<JsonElement>> ListAsync() => MessageBoardApi.ListAllAsync(_client, _issuer, limit: 100);

        /// <summary>A key left in progress, as by a request still running (or by an instance that died running it).</summary>
        public Task InsertInProgressAsync(string text, string key, TimeSpan lockedAgo)
        {
            var now = DateTimeOffset.UtcNow;
            return Database.ExecuteAsync(
                "INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, lock_token, locked_at, answer, created_at, expires_at) " +
                "VALUES (@scope, @key, @fingerprint, 'another-request', @locked_at, NULL, @locked_at, @expires_at)",
                new Dictionary<string, object>
                {
                    ["@scope"] = Alice,
                    ["@key"] = key,
                    ["@fingerprint"] = IdempotentRequest.For(new CreateMessage.Command(text), Alice, key).Fingerprint,
                    ["@locked_at"] = (now - lockedAgo).ToUnixTimeMilliseconds(),
                    ["@expires_at"] = now.AddHours(1).ToUnixTimeMilliseconds(),
                });
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _host.DisposeAsync();
            await Database.DisposeAsync();
            await _issuer.DisposeAsync();
        }
    }
}
