using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Messages.Api.Observability;

/// <summary>
/// The API's own meter. Instrument and tag names are a contract with dashboards (docs/observability.md):
/// change them only with the dashboards.
/// </summary>
internal sealed class ApiMetrics
{
    public const string MeterName = "Messages.Api";

    private readonly Counter<long> _authOutcomes;
    private readonly Counter<long> _jwksRefreshes;
    private readonly Counter<long> _jwksRefreshFailures;

    public ApiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _authOutcomes = meter.CreateCounter<long>(
            "messages.auth.outcomes", description: "Requests by route and auth outcome, with the reason of a denial.");
        _jwksRefreshes = meter.CreateCounter<long>(
            "messages.jwks.refreshes", description: "Fetches of the issuer's discovery document or JWKS.");
        _jwksRefreshFailures = meter.CreateCounter<long>(
            "messages.jwks.refresh_failures", description: "Fetches of the discovery document or JWKS that failed.");
    }

    public void AuthOutcome(string route, string outcome, AuthDenial? denial)
    {
        var tags = new TagList { { "http.route", route }, { "auth.outcome", outcome } };
        if (denial is not null)
        {
            tags.Add("auth.reason", denial.ReasonCode);
            if (denial.Outcome == RequestFacts.Forbidden && denial.RequiredScope is not null)
            {
                tags.Add("auth.scope", denial.RequiredScope);
            }
        }

        _authOutcomes.Add(1, tags);
    }

    public void JwksFetched(string document, bool succeeded)
    {
        var tag = new KeyValuePair<string, object?>("jwks.document", document);
        _jwksRefreshes.Add(1, tag);
        if (!succeeded)
        {
            _jwksRefreshFailures.Add(1, tag);
        }
    }
}
