using System.Net.Http.Headers;
using System.Text;

namespace Muster.Alerts;

/// <summary>
/// Delivers pending webhook alerts in the background: each POSTed as JSON, retried with a back-off that doubles
/// from <see cref="BackOff"/> up to <see cref="MaxAttempts"/> tries, then given up with a one-line report. It reads
/// and marks deliveries through a store of its own, so it never waits on the watcher's connection, nor the watcher
/// on it. Deliveries left pending when it stops are tried by the next run.
/// </summary>
public sealed class WebhookSender : IAsyncDisposable
{
    private readonly IAlertStore _alerts;
    private readonly TimeProvider _time;
    private readonly Action<string, string> _problem;
    private readonly HttpClient _client;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>The pause before the second try; each later pause doubles.</summary>
    public TimeSpan BackOff { get; }

    /// <summary>Tries before a delivery is given up.</summary>
    public const int MaxAttempts = 6;

    /// <summary>How long one POST may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Alerts delivered since it started.</summary>
    public int Delivered => _delivered;

    private int _delivered;

    /// <summary>Starts the sender; it delivers what is pending at once, and again when <see cref="Wake"/> is called.</summary>
    public WebhookSender(IAlertStore alerts, TimeProvider time, TimeSpan backOff, string userAgent, Action<string, string> problem)
    {
        _alerts = alerts;
        _time = time;
        _problem = problem;
        BackOff = backOff;
        _client = new HttpClient { Timeout = RequestTimeout };
        _client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Asks the sender to look for new deliveries.</summary>
    public void Wake() => _wake.Release();

    /// <summary>Waits until nothing is pending that is due within <paramref name="wait"/>, or the wait is over; true when nothing is left.</summary>
    public async Task<bool> DrainAsync(TimeSpan wait)
    {
        var started = _time.GetTimestamp();
        while (_time.GetElapsedTime(started) < wait)
        {
            if (_alerts.PendingCount("webhook") == 0)
                return true;
            Wake();
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time);
        }
        return _alerts.PendingCount("webhook") == 0;
    }

    private async Task LoopAsync()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                foreach (var delivery in _alerts.Pending("webhook", _time.GetUtcNow()))
                {
                    if (stop.IsCancellationRequested)
                        break;
                    await SendAsync(delivery, stop);
                }
                // Woken by new alerts, else at the back-off's pace to retry the failed ones.
                await _wake.WaitAsync(BackOff < TimeSpan.FromSeconds(30) ? BackOff : TimeSpan.FromSeconds(30), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException)
            {
                // The database was busy past the wait: the deliveries stay pending and are read again.
                _problem("webhook", $"alerts not read: {e.Message}");
                await Task.Delay(BackOff, _time, CancellationToken.None);
            }
        }
    }

    private async Task SendAsync(PendingDelivery delivery, CancellationToken stop)
    {
        string error;
        try
        {
            using var content = new StringContent(delivery.Match.Payload, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Target) { Content = content };
            // The receiver can drop a repeat (a delivery retried after a lost answer) by this key.
            request.Headers.TryAddWithoutValidation("Idempotency-Key", $"muster-alert-{delivery.Match.Id}");
            using var response = await _client.SendAsync(request, stop);
            if (response.IsSuccessStatusCode)
            {
                _alerts.Delivered(delivery.Id, _time.GetUtcNow());
                Interlocked.Increment(ref _delivered);
                return;
            }
            error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
        {
            error = e is TaskCanceledException ? $"no answer within {RequestTimeout.TotalSeconds:0}s" : e.Message;
        }
        var attempts = delivery.Attempts + 1;
        if (attempts >= MaxAttempts)
        {
            _alerts.Failed(delivery.Id, error, null);
            _problem(delivery.Target!, $"alert {delivery.Match.Query} ({delivery.Match.Kind.ToString().ToLowerInvariant()} {delivery.Match.Subject}) given up after {attempts} tries: {error}");
            return;
        }
        _alerts.Failed(delivery.Id, error, _time.GetUtcNow() + BackOff * (1 << (attempts - 1)));
    }

    /// <summary>Stops the sender; what is still pending stays for the next run.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _client.Dispose();
        _stop.Dispose();
        _wake.Dispose();
    }
}
