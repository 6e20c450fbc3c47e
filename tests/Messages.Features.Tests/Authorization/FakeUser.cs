using Messages.Features.Authorization;
using NSubstitute;

namespace Messages.Features.Tests.Authorization;

/// <summary>ICurrentUser substitutes: the behavior's only view of the caller.</summary>
internal static class FakeUser
{
    public static ICurrentUser Anonymous()
    {
        var user = Substitute.For<ICurrentUser>();
        user.IsAuthenticated.Returns(false);
        user.GetClaimValues(Arg.Any<string>()).Returns([]);
        return user;
    }

    public static ICurrentUser WithClaims(params (string Type, string Value)[] claims)
    {
        var user = Substitute.For<ICurrentUser>();
        user.IsAuthenticated.Returns(true);
        user.Subject.Returns("auth0|alice");
        user.GetClaimValues(Arg.Any<string>()).Returns(call =>
            claims.Where(claim => claim.Type == call.Arg<string>()).Select(claim => claim.Value).ToList());
        return user;
    }
}
