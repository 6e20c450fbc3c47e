using FluentValidation;
using Mediator;
using Messages.Features.Authorization;
using Messages.Features.FeatureName;
using Messages.Features.Tests.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Messages.Features.Tests.FeatureName;

/// <summary>The slice through the real generated mediator and pipeline.</summary>
public sealed class SliceNameTests
{
    [Fact]
    public async Task Send_AllowedCaller_ReturnsTrimmedText()
    {
        var response = await SendAsync(new SliceName.RequestType("  hello  "), AllowedCaller());

        Assert.Equal("hello", response.Text);
    }
#if (!isPublic)

    [Fact]
    public async Task Send_Anonymous_ThrowsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<AuthError>(() => SendAsync(new SliceName.RequestType("hello"), FakeUser.Anonymous()));

        Assert.Equal(AuthErrorKind.Unauthenticated, error.Kind);
    }
#endif
#if (isScoped)

    [Fact]
    public async Task Send_TokenWithoutTheScope_ThrowsForbidden()
    {
        var error = await Assert.ThrowsAsync<AuthError>(() => SendAsync(new SliceName.RequestType("hello"), FakeUser.WithClaims()));

        Assert.Equal(AuthErrorKind.Forbidden, error.Kind);
    }
#endif

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Send_BlankText_FailsValidation(string text)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(new SliceName.RequestType(text), AllowedCaller()));

        Assert.Contains(error.Errors, failure => failure.PropertyName == nameof(SliceName.RequestType.Text));
    }

#if (isPublic)
    private static ICurrentUser AllowedCaller() => FakeUser.Anonymous();
#elif (isAuth)
    private static ICurrentUser AllowedCaller() => FakeUser.WithClaims();
#else
    private static ICurrentUser AllowedCaller() => FakeUser.WithClaims(("scope", Scopes.ScopeConstant));
#endif

    private static async Task<SliceName.Response> SendAsync(SliceName.RequestType request, ICurrentUser user)
    {
        await using var provider = FeaturePipeline.Build(user);
        return await provider.GetRequiredService<ISender>().Send(request);
    }
}
