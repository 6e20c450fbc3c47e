namespace Messages.Api.Observability;

/// <summary>
/// The auth decision behind a 401 or 403, left on the request by the problem writer so that the
/// completion event and the outcome counter report the same reason as the response.
/// </summary>
internal sealed record AuthDenial(string Outcome, string ReasonCode, string? RequiredScope);
