using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Muster.Watching;

/// <summary>A sources file that cannot be used: the message names the file, the line and the reason.</summary>
public sealed class WatchSourcesException(string message) : Exception(message);

/// <summary>
/// Reads a sources file (YAML). Every key is checked: a misspelt setting is an error naming it and its line, never
/// a default silently taken instead of what was meant.
/// </summary>
public static class WatchSourcesReader
{
    private static readonly string[] FileKeys = ["contact", "allow_private_addresses", "delay", "timeout", "max_bytes", "sources"];
    private static readonly string[] SourceKeys = ["url", "every", "fetch_articles", "outlet", "kind"];

    /// <summary>The default interval of a source that gives no <c>every</c>.</summary>
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromHours(1);

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="WatchSourcesException">The file is missing, not YAML, or a setting is wrong.</exception>
    public static WatchSources ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WatchSourcesException($"{path}: cannot read the sources file: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Reads a sources file's text; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="WatchSourcesException">The text is not YAML, or a setting is wrong.</exception>
    public static WatchSources Parse(string text, string name)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new WatchSourcesException($"{name}: line {e.Start.Line}: not valid YAML: {(e.InnerException ?? e).Message}");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new WatchSourcesException($"{name}: not a sources file: expected settings (contact, sources, ...) at the top level");
        var values = Keys(root, FileKeys, name, "the file");
        var contact = Text(values, "contact", name);
        if (string.IsNullOrWhiteSpace(contact))
            throw new WatchSourcesException($"{name}: contact is required: an e-mail address or web page where a site's operator can reach you (it goes into the User-Agent)");
        if (contact.Any(char.IsControl) || contact.Contains('(') || contact.Contains(')'))
            throw new WatchSourcesException($"{name}: line {values["contact"].Start.Line}: contact '{contact}' may not hold brackets or control characters (it goes into the User-Agent)");
        var delay = Duration(values, "delay", name, WatchSources.DefaultDelay, allowZero: true);
        var timeout = Duration(values, "timeout", name, WatchSources.DefaultTimeout, allowZero: false);
        var maxBytes = WatchSources.DefaultMaxBytes;
        if (values.TryGetValue("max_bytes", out var maxNode))
        {
            if (!long.TryParse(Scalar(maxNode, "max_bytes", name), NumberStyles.None, CultureInfo.InvariantCulture, out maxBytes) || maxBytes < 1)
                throw new WatchSourcesException($"{name}: line {maxNode.Start.Line}: max_bytes must be a positive number of bytes");
        }
        if (!values.TryGetValue("sources", out var sourcesNode) || sourcesNode is not YamlSequenceNode list || list.Children.Count == 0)
            throw new WatchSourcesException($"{name}: sources must be a list of at least one source (each with a url)");
        var sources = new List<WatchSource>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode mapping)
                throw new WatchSourcesException($"{name}: line {item.Start.Line}: a source must be settings (url, every, ...), not a single value");
            var source = Source(mapping, name);
            if (seen.TryGetValue(source.Url.AbsoluteUri, out var first))
                throw new WatchSourcesException($"{name}: line {item.Start.Line}: {source.Url} is listed twice (first on line {first})");
            seen[source.Url.AbsoluteUri] = item.Start.Line;
            sources.Add(source);
        }
        return new WatchSources
        {
            Contact = contact.Trim(),
            AllowPrivateAddresses = Boolean(values, "allow_private_addresses", name),
            Delay = delay,
            Timeout = timeout,
            MaxBytes = maxBytes,
            Sources = sources,
        };
    }

    private static WatchSource Source(YamlMappingNode mapping, string name)
    {
        var values = Keys(mapping, SourceKeys, name, "a source");
        var line = mapping.Start.Line;
        var address = Text(values, "url", name);
        if (address is null)
            throw new WatchSourcesException($"{name}: line {line}: a source needs a url");
        if (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new WatchSourcesException($"{name}: line {values["url"].Start.Line}: url '{address}' is not an http or https address");
        SourceKind? kind = Text(values, "kind", name) switch
        {
            null => null,
            "feed" => SourceKind.Feed,
            "listing" => SourceKind.Listing,
            var other => throw new WatchSourcesException($"{name}: line {values["kind"].Start.Line}: kind '{other}' is not feed or listing"),
        };
        return new WatchSource(url, Duration(values, "every", name, DefaultEvery, allowZero: false), Boolean(values, "fetch_articles", name),
            Text(values, "outlet", name) is { Length: > 0 } outlet ? outlet.Trim() : null, kind);
    }

    private static Dictionary<string, YamlNode> Keys(YamlMappingNode mapping, string[] known, string name, string what)
    {
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(key, StringComparer.Ordinal))
                throw new WatchSourcesException($"{name}: line {keyNode.Start.Line}: '{key}' is not a setting of {what}; known: {string.Join(", ", known)}");
            if (!values.TryAdd(key, value))
                throw new WatchSourcesException($"{name}: line {keyNode.Start.Line}: '{key}' is given twice");
        }
        return values;
    }

    private static string Scalar(YamlNode node, string key, string name) =>
        node is YamlScalarNode { Value: { } value }
            ? value
            : throw new WatchSourcesException($"{name}: line {node.Start.Line}: {key} must be a single value");

    private static string? Text(Dictionary<string, YamlNode> values, string key, string name) =>
        values.TryGetValue(key, out var node) ? Scalar(node, key, name) : null;

    private static bool Boolean(Dictionary<string, YamlNode> values, string key, string name)
    {
        if (!values.TryGetValue(key, out var node))
            return false;
        return Scalar(node, key, name) switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            var other => throw new WatchSourcesException($"{name}: line {node.Start.Line}: {key} must be true or false; got '{other}'"),
        };
    }

    private static TimeSpan Duration(Dictionary<string, YamlNode> values, string key, string name, TimeSpan fallback, bool allowZero)
    {
        if (!values.TryGetValue(key, out var node))
            return fallback;
        var text = Scalar(node, key, name);
        if (WatchDuration.Parse(text) is not { } duration || (!allowZero && duration == TimeSpan.Zero))
            throw new WatchSourcesException($"{name}: line {node.Start.Line}: {key} '{text}' is not a duration such as 50ms, 30s, 15m, 1h or 1d{(allowZero ? "" : " above zero")}");
        return duration;
    }
}
