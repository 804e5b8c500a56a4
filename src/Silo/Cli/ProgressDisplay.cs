using Spectre.Console;
using Simulation.Silo.Running;

namespace Simulation.Silo.Cli;

/// <summary>
/// A progress bar on the terminal (standard error) for runs that take longer than a couple of
/// seconds; silent when output is redirected or the CI variable is set. Reads the wall clock
/// only to decide when to appear: nothing here reaches the model.
/// </summary>
public sealed class ProgressDisplay : IProgress<RunProgress>, IAsyncDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _done = new();
    private readonly Task _ui;
    private volatile int _monthsDone;
    private volatile int _months = 1;
    private volatile int _replicates;

    private ProgressDisplay(string title) => _ui = ShowAsync(title);

    public static bool Enabled =>
        !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>A display, or null when progress should not be shown.</summary>
    public static ProgressDisplay? Start(string title) => Enabled ? new ProgressDisplay(title) : null;

    public void Report(RunProgress value)
    {
        _months = value.Months;
        _replicates = value.Replicates;
        _monthsDone = value.MonthsDone;
    }

    private async Task ShowAsync(string title)
    {
        try
        {
            await Task.Delay(Delay, _done.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(title, maxValue: 1);
                while (!_done.IsCancellationRequested)
                {
                    task.MaxValue = _months;
                    task.Value = _monthsDone;
                    task.Description = $"{title}: month {_monthsDone}/{_months} × {_replicates} replicates";
                    try
                    {
                        await Task.Delay(100, _done.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
                task.Value = task.MaxValue;
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _done.CancelAsync();
        await _ui;
        _done.Dispose();
    }
}
