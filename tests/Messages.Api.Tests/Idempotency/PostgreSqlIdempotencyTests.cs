using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Idempotency;

/// <summary>The Idempotency-Key scenarios on a real PostgreSQL server.</summary>
public sealed class PostgreSqlIdempotencyTests
{
    [PostgreSqlFact]
    public Task Create_SameKeySameBody_Returns201WithTheFirstAnswerAndStoresOnce() => IdempotencyScenarios.SameKeySameBodyReplaysTheFirstAnswerAsync(TestDatabase.PostgreSql);

    [PostgreSqlFact]
    public Task Create_SameKeyDifferentBody_Returns422KeyReused() => IdempotencyScenarios.SameKeyDifferentBodyIsRefusedAsync(TestDatabase.PostgreSql);

    [PostgreSqlFact]
    public Task Create_OtherCallerSameKey_GetsItsOwnMessage() => IdempotencyScenarios.OtherCallerSameKeyGetsItsOwnCreateAsync(TestDatabase.PostgreSql);

    [PostgreSqlFact]
    public Task Create_KeyInProgress_Returns409WithRetryAfter() => IdempotencyScenarios.KeyInProgressIsRefusedWithRetryAfterAsync(TestDatabase.PostgreSql);

    [PostgreSqlFact]
    public Task Create_KeyAbandonedPastLockTimeout_RetryCreatesOnce() => IdempotencyScenarios.AbandonedKeyIsTakenOverAfterTheLockTimeoutAsync(TestDatabase.PostgreSql);

    [PostgreSqlFact]
    public Task Create_ExpiredKey_CreatesAnew() => IdempotencyScenarios.ExpiredKeyBehavesAsNewAsync(TestDatabase.PostgreSql);

    [PostgreSqlFact]
    public Task Create_InvalidKey_Returns400() => IdempotencyScenarios.InvalidKeyIsRefusedAsync(TestDatabase.PostgreSql);

    [PostgreSqlFact]
    public Task Create_ParallelRepeats_OneMessageStoredAnswers201Or409() => IdempotencyScenarios.ParallelRepeatsStoreOneMessageAsync(TestDatabase.PostgreSql);
}
