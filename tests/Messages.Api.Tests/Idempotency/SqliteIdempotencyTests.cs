using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Idempotency;

/// <summary>The Idempotency-Key scenarios on a SQLite file.</summary>
public sealed class SqliteIdempotencyTests
{
    [Fact]
    public Task Create_SameKeySameBody_Returns201WithTheFirstAnswerAndStoresOnce() => IdempotencyScenarios.SameKeySameBodyReplaysTheFirstAnswerAsync(TestDatabase.Sqlite);

    [Fact]
    public Task Create_SameKeyDifferentBody_Returns422KeyReused() => IdempotencyScenarios.SameKeyDifferentBodyIsRefusedAsync(TestDatabase.Sqlite);

    [Fact]
    public Task Create_OtherCallerSameKey_GetsItsOwnMessage() => IdempotencyScenarios.OtherCallerSameKeyGetsItsOwnCreateAsync(TestDatabase.Sqlite);

    [Fact]
    public Task Create_KeyInProgress_Returns409WithRetryAfter() => IdempotencyScenarios.KeyInProgressIsRefusedWithRetryAfterAsync(TestDatabase.Sqlite);

    [Fact]
    public Task Create_KeyAbandonedPastLockTimeout_RetryCreatesOnce() => IdempotencyScenarios.AbandonedKeyIsTakenOverAfterTheLockTimeoutAsync(TestDatabase.Sqlite);

    [Fact]
    public Task Create_ExpiredKey_CreatesAnew() => IdempotencyScenarios.ExpiredKeyBehavesAsNewAsync(TestDatabase.Sqlite);

    [Fact]
    public Task Create_InvalidKey_Returns400() => IdempotencyScenarios.InvalidKeyIsRefusedAsync(TestDatabase.Sqlite);

    [Fact]
    public Task Create_ParallelRepeats_OneMessageStoredAnswers201Or409() => IdempotencyScenarios.ParallelRepeatsStoreOneMessageAsync(TestDatabase.Sqlite);
}
