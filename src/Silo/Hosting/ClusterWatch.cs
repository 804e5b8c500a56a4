using System.Diagnostics;
using System.Globalization;

namespace Simulation.Silo.Hosting;

/// <summary>
/// Watches a cluster's Redis while a client runs work on it. Grain calls to a cluster whose Redis is
/// gone can wait a long time (each is retried after timeouts, and silos retry storage), so the
/// client asks Redis itself every <see cref="Every"/>; when it has not answered for
/// <see cref="Deadline"/>, the watch cancels the work and says what was lost.
/// </summary>
public sealed class ClusterWatch : IAsyncDisposable
{
    /// <summary>How often Redis is asked.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    /// <summary>How long Redis may not answer before the cluster is given up: well inside a minute, with a check's own timeout.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _lost;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private readonly ClusterAddress _address;

    private ClusterWatch(ClusterAddress address, CancellationToken outer)
    {
        _address = address;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _watching = WatchAsync(address);
    }

    /// <summary>Cancelled when the caller's token is, or when Redis is lost.</summary>
    public CancellationToken Token => _lost.Token;

    /// <summary>What was lost, once the watch has given up the cluster; null while it answers.</summary>
    public string? Lost { get; private set; }

    /// <summary>Starts watching <paramref name="address"/>, or returns null without a cluster.</summary>
    public static ClusterWatch? Start(ClusterAddress? address, CancellationToken outer) => address is null ? null : new ClusterWatch(address, outer);

    /// <summary>
    /// For work that failed before the watch gave up: what was lost if Redis does not answer now (one
    /// check, bounded by <see cref="Deadline"/>), else null. A cluster whose Redis has gone fails its
    /// calls in many ways (timeouts, storage errors, exceptions a silo cannot send back), sometimes
    /// sooner than the watch's deadline; the cause to report is the lost Redis, not the symptom.
    /// </summary>
    public async Task<string?> LostNowAsync()
    {
        if (Lost is { } lost) return lost;
        try
        {
            return await _address.ProblemAsync().WaitAsync(Deadline).ConfigureAwait(false) is null
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"lost the cluster's Redis at {_address}: it did not answer when the run failed");
        }
        catch (TimeoutException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"lost the cluster's Redis at {_address}: a check got no answer in {Deadline.TotalSeconds} s");
        }
    }

    private async Task WatchAsync(ClusterAddress address)
    {
        Stopwatch? silent = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(Every, _stop.Token).ConfigureAwait(false);
                if (await address.ProblemAsync().WaitAsync(Deadline, _stop.Token).ConfigureAwait(false) is null)
                {
                    silent = null;
                    continue;
                }
                silent ??= Stopwatch.StartNew();
                if (silent.Elapsed + Every < Deadline) continue;
                Lost = string.Create(CultureInfo.InvariantCulture, $"lost the cluster's Redis at {address}: no answer for {Math.Round((silent.Elapsed + Every).TotalSeconds)} s");
                await _lost.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
        catch (TimeoutException)
        {
            Lost = string.Create(CultureInfo.InvariantCulture, $"lost the cluster's Redis at {address}: a check got no answer in {Deadline.TotalSeconds} s");
            await _lost.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _watching.ConfigureAwait(false);
        _stop.Dispose();
        _lost.Dispose();
    }
}
