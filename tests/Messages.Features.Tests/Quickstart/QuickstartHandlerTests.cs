using Mediator;
using Messages.Features.Authorization;
using Messages.Features.Quickstart;
using Messages.Features.Tests.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Messages.Features.Tests.Quickstart;

/// <summary>Each slice sent through the real generated mediator and pipeline.</summary>
public sealed class QuickstartHandlerTests
{
    [Fact]
    public async Task Send_GetPublicMessage_ReturnsPublicMessageToAnonymousCaller()
    {
        var response = await SendAsync(new GetPublicMessage.Query(), FakeUser.Anonymous());

        Assert.Equal("Hello from a public endpoint! You don't need to be authenticated to see this.", response.Message);
    }

    [Fact]
    public async Task Send_GetPrivateMessage_ReturnsPrivateMessageToAuthenticatedCaller()
    {
        var response = await SendAsync(new GetPrivateMessage.Query(), FakeUser.WithClaims());

        Assert.Equal("Hello from a private endpoint! You need to be authenticated to see this.", response.Message);
    }

    [Fact]
    public async Task Send_GetPrivateScopedMessage_ReturnsScopedMessageToCallerWithScope()
    {
        var response = await SendAsync(new GetPrivateScopedMessage.Query(), FakeUser.WithClaims(("scope", "read:messages")));

        Assert.Equal(
            "Hello from a private endpoint! You need to be authenticated and have a scope of read:messages to see this.",
            response.Message);
    }

    [Fact]
    public async Task Send_GetPrivateScopedMessageWithoutScope_ThrowsForbidden()
    {
        var error = await Assert.ThrowsAsync<AuthError>(() =>
            SendAsync(new GetPrivateScopedMessage.Query(), FakeUser.WithClaims(("scope", "write:messages"))));

        Assert.Equal(AuthErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public async Task Send_GetPrivateMessageAnonymously_ThrowsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<AuthError>(() => SendAsync(new GetPrivateMessage.Query(), FakeUser.Anonymous()));

        Assert.Equal(AuthErrorKind.Unauthenticated, error.Kind);
    }

    private static async Task<MessageResponse> SendAsync(IQuery<MessageResponse> query, ICurrentUser user)
    {
        await using var provider = FeaturePipeline.Build(user);
        return await provider.GetRequiredService<ISender>().Send(query);
    }
}
