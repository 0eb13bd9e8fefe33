namespace Muster.Watching;

/// <summary>What a watched address serves: a feed whose items are read, or an HTML listing whose teaser links are followed.</summary>
public enum SourceKind
{
    /// <summary>RSS or Atom: each new item is a document.</summary>
    Feed,
    /// <summary>An HTML listing page: each new teaser link is fetched as an article.</summary>
    Listing,
}

/// <summary>One source of a sources file.</summary>
/// <param name="Url">The feed's or listing's address (http or https).</param>
/// <param name="Every">How often it is fetched.</param>
/// <param name="FetchArticles">Whether a feed item that carries only a summary is read from its link instead.</param>
/// <param name="Outlet">The outlet that publishes it, overriding detection.</param>
/// <param name="Kind">Feed or listing, when the file says; else what the response holds decides.</param>
public sealed record WatchSource(Uri Url, TimeSpan Every, bool FetchArticles = false, string? Outlet = null, SourceKind? Kind = null);

/// <summary>
/// A sources file: who to contact about the watcher (it goes into the User-Agent), how politely to fetch, and the
/// sources. Read by <see cref="WatchSourcesReader"/>.
/// </summary>
public sealed record WatchSources
{
    /// <summary>The pause between two requests to one host, unless the file says otherwise.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(2);

    /// <summary>How long one request may take, headers and body, unless the file says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The most bytes one response body may hold, unless the file says otherwise.</summary>
    public const long DefaultMaxBytes = 5L * 1024 * 1024;

    /// <summary>An e-mail address or web page where a site's operator can reach whoever runs the watcher.</summary>
    public required string Contact { get; init; }

    /// <summary>Whether loopback and private addresses may be fetched (tests, intranets); off by default.</summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>The pause between two requests to one host (a robots.txt Crawl-delay may lengthen it).</summary>
    public TimeSpan Delay { get; init; } = DefaultDelay;

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>The most bytes one response body may hold.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>The sources, in the file's order.</summary>
    public required IReadOnlyList<WatchSource> Sources { get; init; }
}
