namespace Messages.Api.Logging;

/// <summary>
/// Runs an action every interval on a background task until disposed; disposal waits for a run under
/// way to end. The task carries no ambient context (log scopes, activity) of the code that starts it.
/// </summary>
internal sealed class PeriodicWork : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _running;

    public PeriodicWork(TimeSpan interval, Action work)
    {
        using (ExecutionContext.SuppressFlow())
        {
            _running = Task.Run(() => RunAsync(interval, work));
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _running.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(TimeSpan interval, Action work)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
        {
            work();
        }
    }
}
