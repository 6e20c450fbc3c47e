using Mediator;
using Messages.Features.Authorization;
using Microsoft.Extensions.Options;

namespace Messages.Features.Tests.Authorization;

public sealed class AuthorizationBehaviorTests
{
    private bool _handlerRan;

    [Fact]
    public async Task Handle_PublicRequestFromAnonymousCaller_RunsHandler()
    {
        var result = await SendAsync(new PublicRequest(), FakeUser.Anonymous());

        Assert.Equal("handled", result);
        Assert.True(_handlerRan);
    }

    [Fact]
    public async Task Handle_AnonymousCaller_ThrowsUnauthenticatedAndSkipsHandler()
    {
        var error = await Assert.ThrowsAsync<AuthError>(() => SendAsync(new AuthRequest(), FakeUser.Anonymous()));

        Assert.Equal(AuthErrorKind.Unauthenticated, error.Kind);
        Assert.Equal(nameof(AuthRequest), error.RequestName);
        Assert.Null(error.Subject);
        Assert.False(_handlerRan);
    }

    [Fact]
    public async Task Handle_AnonymousCallerOnScopedRequest_ThrowsUnauthenticatedNotForbidden()
    {
        var error = await Assert.ThrowsAsync<AuthError>(() => SendAsync(new ReadRequest(), FakeUser.Anonymous()));

        Assert.Equal(AuthErrorKind.Unauthenticated, error.Kind);
        Assert.Equal(["read:messages"], error.RequiredScopes);
        Assert.False(_handlerRan);
    }

    [Fact]
    public async Task Handle_AuthenticatedCallerWithoutScopes_RunsAuthOnlyHandler()
    {
        var result = await SendAsync(new AuthRequest(), FakeUser.WithClaims());

        Assert.Equal("handled", result);
    }

    [Fact]
    public async Task Handle_MissingScope_ThrowsForbidden()
    {
        var user = FakeUser.WithClaims(("scope", "write:messages"));

        var error = await Assert.ThrowsAsync<AuthError>(() => SendAsync(new ReadRequest(), user));

        Assert.Equal(AuthErrorKind.Forbidden, error.Kind);
        Assert.Equal(nameof(ReadRequest), error.RequestName);
        Assert.Equal(["read:messages"], error.RequiredScopes);
        Assert.Equal("auth0|alice", error.Subject);
        Assert.False(_handlerRan);
    }

    [Theory]
    [InlineData("read:messages")]
    [InlineData("openid read:messages")]
    [InlineData("read:messages write:messages")]
    [InlineData("profile  read:messages")]
    public async Task Handle_ScopeInScopeClaim_RunsHandler(string scope)
    {
        var result = await SendAsync(new ReadRequest(), FakeUser.WithClaims(("scope", scope)));

        Assert.Equal("handled", result);
    }

    [Fact]
    public async Task Handle_ScopeInPermissionsClaim_RunsHandler()
    {
        var user = FakeUser.WithClaims(("permissions", "write:messages"), ("permissions", "read:messages"));

        var result = await SendAsync(new ReadRequest(), user);

        Assert.Equal("handled", result);
    }

    [Theory]
    [InlineData("scope", "read:messagesX")]
    [InlineData("scope", "READ:MESSAGES")]
    [InlineData("scope", "Read:Messages")]
    [InlineData("scope", "xread:messages")]
    [InlineData("scope", "read:message")]
    [InlineData("scope", "read:messages,write:messages")]
    [InlineData("scope", "read:messages\twrite:messages")]
    [InlineData("scope", "")]
    [InlineData("permissions", "read:messages write:messages")]
    [InlineData("permissions", "READ:MESSAGES")]
    [InlineData("permissions", "read:messagesX")]
    [InlineData("Scope", "read:messages")]
    [InlineData("scp", "read:messages")]
    public async Task Handle_NearMissScope_ThrowsForbidden(string claimType, string value)
    {
        var error = await Assert.ThrowsAsync<AuthError>(() => SendAsync(new ReadRequest(), FakeUser.WithClaims((claimType, value))));

        Assert.Equal(AuthErrorKind.Forbidden, error.Kind);
        Assert.False(_handlerRan);
    }

    [Fact]
    public async Task Handle_ScopeClaimGivenAsArray_ThrowsForbidden()
    {
        var user = FakeUser.WithClaims(("scope", "read:messages"), ("scope", "write:messages"));

        var error = await Assert.ThrowsAsync<AuthError>(() => SendAsync(new ReadRequest(), user));

        Assert.Equal(AuthErrorKind.Forbidden, error.Kind);
    }

    [Theory]
    [InlineData("read:messages")]
    [InlineData("write:messages")]
    public async Task Handle_OneOfSeveralScopes_ThrowsForbidden(string scope)
    {
        var error = await Assert.ThrowsAsync<AuthError>(() => SendAsync(new ReadWriteRequest(), FakeUser.WithClaims(("scope", scope))));

        Assert.Equal(["read:messages", "write:messages"], error.RequiredScopes);
        Assert.False(_handlerRan);
    }

    [Fact]
    public async Task Handle_SeveralScopesFromBothClaims_RunsHandler()
    {
        var user = FakeUser.WithClaims(("scope", "write:messages"), ("permissions", "read:messages"));

        var result = await SendAsync(new ReadWriteRequest(), user);

        Assert.Equal("handled", result);
    }

    [Fact]
    public async Task Handle_ConfiguredScopeClaim_ReadsOnlyThatClaim()
    {
        var options = new ScopeClaimOptions { ScopeClaims = ["scp"], PermissionClaims = [] };

        var granted = await SendAsync(new ReadRequest(), FakeUser.WithClaims(("scp", "read:messages")), options);
        var refused = await Assert.ThrowsAsync<AuthError>(() =>
            SendAsync(new ReadRequest(), FakeUser.WithClaims(("scope", "read:messages"), ("permissions", "read:messages")), options));

        Assert.Equal("handled", granted);
        Assert.Equal(AuthErrorKind.Forbidden, refused.Kind);
    }

    [Theory]
    [InlineData("scope", "openid https://quickstarts/api/read:messages", true)]
    [InlineData("permissions", "https://quickstarts/api/read:messages", true)]
    [InlineData("scope", "read:messages", false)]
    [InlineData("permissions", "read:messages", false)]
    [InlineData("scope", "https://quickstarts/api/read:messagesX", false)]
    [InlineData("scope", "https://quickstarts/apiread:messages", false)]
    [InlineData("scope", "https://other/api/read:messages", false)]
    [InlineData("scope", "https://quickstarts/api/", false)]
    public async Task Handle_ScopePrefix_GrantsOnlyThePrefixedNameExactly(string claimType, string value, bool granted)
    {
        var options = new ScopeClaimOptions { ScopePrefix = "https://quickstarts/api/" };

        var outcome = await Record.ExceptionAsync(() => SendAsync(new ReadRequest(), FakeUser.WithClaims((claimType, value)), options));

        Assert.Equal(granted, outcome is null);
        Assert.Equal(granted, _handlerRan);
    }

    [Fact]
    public async Task Handle_UndeclaredRequest_ThrowsAndSkipsHandler()
    {
        var user = FakeUser.WithClaims(("scope", "read:messages"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SendAsync(new UndeclaredRequest(), user));

        Assert.Contains(nameof(UndeclaredRequest), error.Message, StringComparison.Ordinal);
        Assert.False(_handlerRan);
    }

    [Fact]
    public async Task Handle_PublicWithAuthAttribute_ThrowsAndSkipsHandler()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => SendAsync(new ConflictingRequest(), FakeUser.WithClaims()));

        Assert.False(_handlerRan);
    }

    private async Task<string> SendAsync<TRequest>(TRequest request, ICurrentUser user, ScopeClaimOptions? options = null)
        where TRequest : IQuery<string>
    {
        var behavior = new AuthorizationBehavior<TRequest, string>(user, Options.Create(options ?? new ScopeClaimOptions()));
        return await behavior.Handle(request, Next, CancellationToken.None);
    }

    private ValueTask<string> Next<TRequest>(TRequest request, CancellationToken cancellationToken)
    {
        _handlerRan = true;
        return ValueTask.FromResult("handled");
    }
}
