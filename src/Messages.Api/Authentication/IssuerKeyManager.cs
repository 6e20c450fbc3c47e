using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>
/// The issuer's discovery document and signing keys for JwtBearer, fetched once and kept, with two
/// separate refreshes: a periodic one every <see cref="BaseConfigurationManager.AutomaticRefreshInterval"/>,
/// and one asked for by a token naming a key the API does not know (<see cref="RequestRefresh"/>, called
/// by JwtBearer and its token handler), allowed at most once per <see cref="BaseConfigurationManager.RefreshInterval"/>. Whoever sends a random kid can therefore use up at most one
/// refresh, and a key the issuer has just published is picked up at most one throttle later. Refreshes
/// run in the background while the cached keys stay in use, and a failed one keeps them.
/// </summary>
/// <remarks>
/// In place of IdentityModel's ConfigurationManager, which reads the wall clock only (its throttle cannot
/// be tested without waiting it out) and, once a periodic refresh has failed, starts another on every
/// request; this one runs on a <see cref="TimeProvider"/> and retries no sooner than one throttle later.
/// </remarks>
internal sealed class IssuerKeyManager : BaseConfigurationManager, IConfigurationManager<OpenIdConnectConfiguration>
{
    private static readonly TimeSpan _firstFetchRetryDelay = TimeSpan.FromSeconds(1);

    private readonly IConfigurationRetriever<OpenIdConnectConfiguration> _retriever;
    private readonly IDocumentRetriever _documents;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Task<OpenIdConnectConfiguration>? _current;
    private Task<BaseConfiguration>? _currentBase;
    private Task<OpenIdConnectConfiguration>? _firstFetch;
    private Task<OpenIdConnectConfiguration>? _failedFetch;
    private long _retryFirstFetchTicks;
    private long _refreshDueTicks;
    private long _nextRequestedRefreshTicks;
    private int _refreshing;

    public IssuerKeyManager(
        string metadataAddress, IConfigurationRetriever<OpenIdConnectConfiguration> retriever, IDocumentRetriever documents, TimeProvider time)
    {
        MetadataAddress = metadataAddress;
        _retriever = retriever;
        _documents = documents;
        _time = time;
        // A key the issuer withdrew is refused from the next refresh on, not an hour later.
        UseLastKnownGoodConfiguration = false;
    }

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        // The hot path: a completed task, read without a lock and without allocating.
        var current = Volatile.Read(ref _current);
        if (current is null)
        {
            return FirstFetch().WaitAsync(cancel);
        }

        if (_time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _refreshDueTicks))
        {
            StartRefresh();
        }

        return current;
    }

    // JwtBearer hands this manager to its token handler, which asks here.
    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel)
    {
        await GetConfigurationAsync(cancel);
        return await Volatile.Read(ref _currentBase)!;
    }

    public override void RequestRefresh()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextRequestedRefreshTicks);
        // One caller among those arriving together wins the slot; the others find it taken.
        if (now < next || Interlocked.CompareExchange(ref _nextRequestedRefreshTicks, now + RefreshInterval.Ticks, next) != next)
        {
            return;
        }

        StartRefresh();
    }

    // Before any keys are known, the requests that need them wait for one shared fetch; when it fails,
    // they fail with it (JwtBearer then answers 503), and so does every request for the next second:
    // a flood of tokens during an outage at start-up costs the issuer at most one fetch a second.
    private Task<OpenIdConnectConfiguration> FirstFetch()
    {
        TaskCompletionSource<OpenIdConnectConfiguration> fetch;
        lock (_gate)
        {
            if (_current is { } current)
            {
                return current;
            }

            if (_firstFetch is { } shared)
            {
                return shared;
            }

            if (_failedFetch is { } failed && _time.GetUtcNow().UtcTicks < _retryFirstFetchTicks)
            {
                return failed;
            }

            fetch = new TaskCompletionSource<OpenIdConnectConfiguration>(TaskCreationOptions.RunContinuationsAsynchronously);
            _firstFetch = fetch.Task;
        }

        _ = FetchFirstAsync(fetch);
        return fetch.Task;
    }

    private async Task FetchFirstAsync(TaskCompletionSource<OpenIdConnectConfiguration> fetch)
    {
        try
        {
            var configuration = await FetchAsync();
            lock (_gate)
            {
                _firstFetch = null;
            }

            fetch.SetResult(configuration);
        }
        catch (Exception exception)
        {
            var failure = new InvalidOperationException("The issuer's signing keys could not be obtained.", exception);
            lock (_gate)
            {
                _failedFetch = Task.FromException<OpenIdConnectConfiguration>(failure);
                _retryFirstFetchTicks = _time.GetUtcNow().UtcTicks + _firstFetchRetryDelay.Ticks;
                _firstFetch = null;
            }

            fetch.SetException(failure);
        }
    }

    private void StartRefresh()
    {
        if (Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            _ = Task.Run(RefreshAsync);
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await FetchAsync();
        }
        catch (Exception)
        {
            // Logged by the retriever; the cached keys stay in use and the periodic refresh is tried
            // again one throttle later, not on every request.
            Interlocked.Exchange(ref _refreshDueTicks, _time.GetUtcNow().UtcTicks + RefreshInterval.Ticks);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    // The fetch is shared by every request that waits for it: no request's cancellation stops it; the
    // backchannel's timeout bounds it.
    private async Task<OpenIdConnectConfiguration> FetchAsync()
    {
        var configuration = await _retriever.GetConfigurationAsync(MetadataAddress, _documents, CancellationToken.None);
        Interlocked.Exchange(ref _refreshDueTicks, _time.GetUtcNow().UtcTicks + AutomaticRefreshInterval.Ticks);
        Volatile.Write(ref _currentBase, Task.FromResult<BaseConfiguration>(configuration));
        Volatile.Write(ref _current, Task.FromResult(configuration));
        return configuration;
    }
}
