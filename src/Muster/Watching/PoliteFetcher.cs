using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Muster.Watching;

/// <summary>How the fetcher behaves towards the sites it reads.</summary>
/// <param name="Contact">Who runs the watcher (an e-mail address or web page): it goes into the User-Agent.</param>
/// <param name="Delay">The least pause between two requests to one host.</param>
/// <param name="Timeout">How long one request may take, from sending it to the last byte of its body.</param>
/// <param name="MaxBytes">The most bytes one body may hold.</param>
/// <param name="AllowPrivateAddresses">Whether loopback and private addresses may be connected to.</param>
public sealed record FetchPolicy(string Contact, TimeSpan Delay, TimeSpan Timeout, long MaxBytes, bool AllowPrivateAddresses)
{
    /// <summary>The product token robots.txt groups name Muster by.</summary>
    public const string ProductToken = "Muster";

    /// <summary>The most redirects one fetch follows.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>How long a robots.txt read is trusted before it is read again.</summary>
    public TimeSpan RobotsLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The longest pause a robots.txt Crawl-delay may impose; a longer one is held to this.</summary>
    public TimeSpan MaxCrawlDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The User-Agent header: Muster, its version, and the contact.</summary>
    public string UserAgent =>
        $"{ProductToken}/{typeof(FetchPolicy).Assembly.GetName().Version?.ToString(3) ?? "0"} (news monitor; +{Contact})";

    /// <summary>The policy a sources file sets.</summary>
    public static FetchPolicy From(WatchSources sources) =>
        new(sources.Contact, sources.Delay, sources.Timeout, sources.MaxBytes, sources.AllowPrivateAddresses);
}

/// <summary>The validators of a response, sent back to ask whether it changed (conditional GET).</summary>
public sealed record Validators(string? ETag, string? LastModified)
{
    /// <summary>True when there is something to send.</summary>
    public bool Any => ETag is not null || LastModified is not null;
}

/// <summary>What became of a fetch.</summary>
public enum FetchStatus
{
    /// <summary>The body was read.</summary>
    Fetched,
    /// <summary>The server answered 304: nothing changed since the validators sent.</summary>
    NotModified,
    /// <summary>Nothing usable came back; see the error.</summary>
    Failed,
}

/// <summary>The outcome of one fetch, redirects followed.</summary>
public sealed record FetchResult(Uri Requested, FetchStatus Status)
{
    /// <summary>The address the body came from, after redirects.</summary>
    public Uri? FinalUrl { get; init; }

    /// <summary>The body, when fetched.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The media type the server declared (lower case, without parameters), if any.</summary>
    public string? MediaType { get; init; }

    /// <summary>The charset the server declared, if any.</summary>
    public string? Charset { get; init; }

    /// <summary>The response's validators, to send on the next fetch.</summary>
    public Validators Validators { get; init; } = new(null, null);

    /// <summary>Why nothing usable came back: one line.</summary>
    public string? Error { get; init; }

    /// <summary>True when the site's robots.txt disallows the address (or an address it redirects to).</summary>
    public bool Disallowed { get; init; }

    /// <summary>When the server asked not to be asked again before (429 or 503 with Retry-After, or a host backing off).</summary>
    public DateTimeOffset? RetryAt { get; init; }
}

/// <summary>The robots.txt texts a fetcher has read, kept so that a later run (from cron) need not read them again.</summary>
public interface IRobotsCache
{
    /// <summary>The text read from <paramref name="origin"/> (empty when it had none) and when, or null.</summary>
    (string Text, DateTimeOffset FetchedAt)? GetRobots(string origin);

    /// <summary>Keeps the text read from <paramref name="origin"/>.</summary>
    void PutRobots(string origin, string text, DateTimeOffset fetchedAt);
}

/// <summary>
/// An HTTP client that behaves well towards the sites it reads: each host's robots.txt is read (and cached) and
/// obeyed; one request at a time per host with a pause between them (the longer of the configured delay and the
/// site's Crawl-delay); a User-Agent naming Muster and a contact; conditional GET; a 429 or 503 backs off the whole
/// host until its Retry-After; every request bounded in time and in bytes; at most five redirects, http and https
/// only; no loopback or private address unless allowed. Safe to use from several tasks at once.
/// </summary>
public sealed class PoliteFetcher : IDisposable
{
    private readonly FetchPolicy _policy;
    private readonly IRobotsCache? _cache;
    private readonly TimeProvider _time;
    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<string, HostGate> _hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (RobotsRules Rules, DateTimeOffset Until, string? Problem)> _robots = new(StringComparer.Ordinal);

    // A robots.txt that could not be read for the server's fault (5xx, a timeout) stops its host for this long.
    private static readonly TimeSpan RobotsFailureLifetime = TimeSpan.FromMinutes(10);

    // The pause a 429 or 503 without a Retry-After imposes on its host.
    private static readonly TimeSpan DefaultBackOff = TimeSpan.FromMinutes(5);

    // The longest Retry-After honoured: a server asking for a week is asked again tomorrow.
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromDays(1);

    private sealed class HostGate
    {
        public readonly SemaphoreSlim Turn = new(1, 1);
        public long LastFinished = -1;
        public DateTimeOffset NotBefore = DateTimeOffset.MinValue;
        public TimeSpan CrawlDelay;
    }

    private sealed class AddressRefusedException(string message) : Exception(message);

    /// <summary>Requests sent, robots.txt included, since the fetcher was made.</summary>
    public int Requests => _requests;

    private int _requests;

    /// <summary>A fetcher with <paramref name="policy"/>; robots.txt texts are kept in <paramref name="cache"/> when given.</summary>
    public PoliteFetcher(FetchPolicy policy, IRobotsCache? cache, TimeProvider time)
    {
        _policy = policy;
        _cache = cache;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = policy.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = Connect,
        };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", policy.UserAgent);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    /// <summary>
    /// Fetches <paramref name="url"/>, sending <paramref name="validators"/> when given and following redirects; never
    /// throws for what a server or the network does (the result says why), only when <paramref name="cancel"/> is.
    /// </summary>
    /// <param name="url">An http or https address.</param>
    /// <param name="validators">What the last fetch of this address returned, to ask whether it changed.</param>
    /// <param name="accept">The Accept header.</param>
    /// <param name="cancel">Stops the fetch (the watcher is stopping).</param>
    public async Task<FetchResult> FetchAsync(Uri url, Validators? validators, string accept, CancellationToken cancel)
    {
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            if (current.Scheme is not ("http" or "https"))
                return Failed(url, $"redirected to {current}, which is not an http or https address");
            var gate = _hosts.GetOrAdd(HostKey(current), _ => new HostGate());
            if (gate.NotBefore > _time.GetUtcNow())
                return Failed(url, $"{current.Authority} asked Muster to wait; not asked again before {Stamp(gate.NotBefore)}") with { RetryAt = gate.NotBefore };
            var (robots, problem) = await RobotsFor(current, gate, cancel);
            if (problem is not null)
                return Failed(url, problem);
            if (!robots.Allows(current))
                return Failed(url, $"robots.txt of {current.Authority} disallows {current.PathAndQuery} for {FetchPolicy.ProductToken}") with { Disallowed = true };
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            if (redirects == 0 && validators is not null)
            {
                if (validators.ETag is { } etag)
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                if (validators.LastModified is { } modified)
                    request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
            }
            var answer = await SendAsync(request, gate, cancel);
            if (answer.Error is { } error)
                return Failed(url, error);
            var status = (int)answer.Status;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                if (answer.Location is null)
                    return Failed(url, $"HTTP {status} from {current} without a Location to follow");
                if (redirects >= _policy.MaxRedirects)
                    return Failed(url, $"more than {_policy.MaxRedirects} redirects (the last to {new Uri(current, answer.Location)})");
                current = new Uri(current, answer.Location);
                continue;
            }
            if (status == 304)
                return new FetchResult(url, FetchStatus.NotModified) { FinalUrl = current, Validators = answer.Validators.Any ? answer.Validators : validators ?? answer.Validators };
            if (status is 429 or 503)
            {
                var until = _time.GetUtcNow() + Min(answer.RetryAfter ?? DefaultBackOff, MaxBackOff);
                gate.NotBefore = until;
                return Failed(url, $"HTTP {status} {answer.Reason}: backing off {current.Authority} until {Stamp(until)}" +
                                   (answer.RetryAfter is null ? "" : " (its Retry-After)")) with { RetryAt = until };
            }
            if (status is < 200 or > 299)
                return Failed(url, $"HTTP {status} {answer.Reason}{(current == url ? "" : $" from {current}")}");
            return new FetchResult(url, FetchStatus.Fetched)
            {
                FinalUrl = current, Body = answer.Body, MediaType = answer.MediaType, Charset = answer.Charset, Validators = answer.Validators,
            };
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static FetchResult Failed(Uri url, string error) => new(url, FetchStatus.Failed) { Error = error };

    private static string HostKey(Uri url) => $"{url.IdnHost.ToLowerInvariant()}:{url.Port.ToString(CultureInfo.InvariantCulture)}";

    private static string Origin(Uri url) => $"{url.Scheme}://{url.IdnHost.ToLowerInvariant()}:{url.Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The robots rules of <paramref name="url"/>'s origin: remembered, cached, or read now (a request like any other).</summary>
    private async Task<(RobotsRules Rules, string? Problem)> RobotsFor(Uri url, HostGate gate, CancellationToken cancel)
    {
        var origin = Origin(url);
        var now = _time.GetUtcNow();
        if (_robots.TryGetValue(origin, out var known) && known.Until > now)
            return (known.Rules, known.Problem);
        if (_cache?.GetRobots(origin) is { } cached && cached.FetchedAt + _policy.RobotsLifetime > now)
            return Remember(origin, gate, RobotsRules.Parse(cached.Text, FetchPolicy.ProductToken), cached.FetchedAt + _policy.RobotsLifetime);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/robots.txt"));
        request.Headers.TryAddWithoutValidation("Accept", "text/plain, */*;q=0.5");
        var answer = await SendAsync(request, gate, cancel);
        var status = (int)answer.Status;
        // RFC 9309: a robots.txt that is not there (4xx) allows everything; one the server cannot give (5xx, no
        // answer) allows nothing until it can. Its redirects are not followed: the file is then taken as absent.
        if (answer.Error is null && status is >= 200 and < 300)
        {
            var text = System.Text.Encoding.UTF8.GetString(answer.Body ?? []);
            _cache?.PutRobots(origin, text, now);
            return Remember(origin, gate, RobotsRules.Parse(text, FetchPolicy.ProductToken), now + _policy.RobotsLifetime);
        }
        if (answer.Error is null && status is >= 300 and < 500)
        {
            _cache?.PutRobots(origin, "", now);
            return Remember(origin, gate, RobotsRules.AllowAll, now + _policy.RobotsLifetime);
        }
        var problem = answer.Error is { } error
            ? $"robots.txt of {url.Authority} not read, so nothing is fetched from it: {error}"
            : $"robots.txt of {url.Authority} answered HTTP {status} {answer.Reason}, so nothing is fetched from it until it can be read";
        return Remember(origin, gate, RobotsRules.DisallowAll, now + RobotsFailureLifetime, problem);
    }

    private (RobotsRules, string?) Remember(string origin, HostGate gate, RobotsRules rules, DateTimeOffset until, string? problem = null)
    {
        _robots[origin] = (rules, until, problem);
        gate.CrawlDelay = rules.CrawlDelay is { } delay ? Min(delay, _policy.MaxCrawlDelay) : TimeSpan.Zero;
        return (rules, problem);
    }

    private sealed record Answer(HttpStatusCode Status, string? Reason, Validators Validators)
    {
        public string? Error { get; init; }
        public byte[]? Body { get; init; }
        public Uri? Location { get; init; }
        public TimeSpan? RetryAfter { get; init; }
        public string? MediaType { get; init; }
        public string? Charset { get; init; }
    }

    /// <summary>Sends one request in its host's turn, after the host's pause, and reads its body within the time and size bounds.</summary>
    private async Task<Answer> SendAsync(HttpRequestMessage request, HostGate gate, CancellationToken cancel)
    {
        await gate.Turn.WaitAsync(cancel);
        try
        {
            var pause = _policy.Delay > gate.CrawlDelay ? _policy.Delay : gate.CrawlDelay;
            if (gate.LastFinished >= 0)
            {
                var since = _time.GetElapsedTime(gate.LastFinished);
                if (since < pause)
                    await Task.Delay(pause - since, _time, cancel);
            }
            Interlocked.Increment(ref _requests);
            try
            {
                return await ReadAsync(request, cancel);
            }
            finally
            {
                gate.LastFinished = _time.GetTimestamp();
            }
        }
        finally
        {
            gate.Turn.Release();
        }
    }

    private async Task<Answer> ReadAsync(HttpRequestMessage request, CancellationToken cancel)
    {
        var url = request.RequestUri!;
        using var timeout = new CancellationTokenSource(_policy.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, timeout.Token);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var validators = new Validators(response.Headers.ETag?.ToString(),
                response.Content.Headers.TryGetValues("Last-Modified", out var modified) ? modified.FirstOrDefault() : null);
            var answer = new Answer(response.StatusCode, response.ReasonPhrase, validators)
            {
                Location = response.Headers.Location,
                RetryAfter = RetryAfter(response.Headers.RetryAfter),
                MediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant(),
                Charset = response.Content.Headers.ContentType?.CharSet?.Trim('"'),
            };
            if ((int)response.StatusCode is < 200 or > 299)
                return answer;
            if (response.Content.Headers.ContentLength is { } length && length > _policy.MaxBytes)
                return answer with { Error = $"{url} is {length:N0} bytes, over the cap of {_policy.MaxBytes:N0} (max_bytes); not read" };
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            using var body = new MemoryStream();
            var buffer = new byte[81920];
            while (true)
            {
                var read = await stream.ReadAsync(buffer, linked.Token);
                if (read == 0)
                    break;
                if (body.Length + read > _policy.MaxBytes)
                    return answer with { Error = $"{url} is over the cap of {_policy.MaxBytes:N0} bytes (max_bytes); the rest was not read" };
                body.Write(buffer, 0, read);
            }
            return answer with { Body = body.ToArray() };
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return new Answer(0, null, new(null, null)) { Error = $"{url} gave no complete answer within {WatchDuration.Format(_policy.Timeout)} (timeout)" };
        }
        catch (HttpRequestException e) when (Refusal(e) is { } refused)
        {
            return new Answer(0, null, new(null, null)) { Error = refused };
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
        {
            return new Answer(0, null, new(null, null)) { Error = $"cannot fetch {url}: {Innermost(e)}" };
        }
    }

    private static string? Refusal(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is AddressRefusedException refused)
                return refused.Message;
        return null;
    }

    private static string Innermost(Exception e)
    {
        var messages = new List<string>();
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (!messages.Contains(inner.Message))
                messages.Add(inner.Message);
        return string.Join(": ", messages).ReplaceLineEndings(" ");
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>Connects to the first of the host's addresses that may be connected to; refuses when none may.</summary>
    private async ValueTask<Stream> Connect(SocketsHttpConnectionContext context, CancellationToken cancel)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancel);
        if (!_policy.AllowPrivateAddresses)
        {
            var refused = addresses.Select(a => (Address: a, Why: AddressGuard.NonPublic(a))).ToList();
            addresses = refused.Where(r => r.Why is null).Select(r => r.Address).ToArray();
            if (addresses.Length == 0 && refused.Count > 0)
                throw new AddressRefusedException(
                    $"refused to connect to {host}: {refused[0].Address} is {refused[0].Why} (allow_private_addresses: true in the sources file permits it)");
        }
        if (addresses.Length == 0)
            throw new AddressRefusedException($"cannot fetch from {host}: the name resolves to no address");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancel);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
