using BenchmarkDotNet.Attributes;
using Mediator;
using Messages.Features.Authorization;
using Messages.Features.Quickstart;
using Microsoft.Extensions.Options;

namespace Messages.Benchmarks;

/// <summary>The behavior alone: allowed (scope granted) and denied (AuthError thrown and caught).</summary>
[MemoryDiagnoser]
public class AuthorizationBehaviorBenchmarks
{
    private static readonly MessageResponse _response = new("hello");
    private static readonly GetPrivateScopedMessage.Query _query = new();

    private readonly AuthorizationBehavior<GetPrivateScopedMessage.Query, MessageResponse> _allowed =
        new(new PresetUser("openid read:messages"), Options.Create(new ScopeClaimOptions()));

    private readonly AuthorizationBehavior<GetPrivateScopedMessage.Query, MessageResponse> _denied =
        new(new PresetUser("write:messages"), Options.Create(new ScopeClaimOptions()));

    private readonly MessageHandlerDelegate<GetPrivateScopedMessage.Query, MessageResponse> _next =
        (_, _) => ValueTask.FromResult(_response);

    [Benchmark(Baseline = true)]
    public MessageResponse Allowed() => _allowed.Handle(_query, _next, CancellationToken.None).Result;

    [Benchmark]
    public AuthErrorKind Denied()
    {
        try
        {
            _ = _denied.Handle(_query, _next, CancellationToken.None).Result;
            throw new InvalidOperationException("not denied");
        }
        catch (AuthError error)
        {
            return error.Kind;
        }
    }

    // A caller whose claims were read once, as a host would after validation: no allocation per call.
    private sealed class PresetUser(string scope) : ICurrentUser
    {
        private readonly string[] _scope = [scope];

        public bool IsAuthenticated => true;

        public string? Subject => "bench|user";

        public IReadOnlyList<string> GetClaimValues(string claimType) => claimType == "scope" ? _scope : [];
    }
}
