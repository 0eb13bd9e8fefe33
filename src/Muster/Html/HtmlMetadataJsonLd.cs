using System.Text.Json;
using System.Text.RegularExpressions;
using Muster.Reading.Formats;

namespace Muster.Html;

/// <summary>
/// What a page's JSON-LD (<c>&lt;script type="application/ld+json"&gt;</c>) says about its article: the first
/// schema.org object of an article type (<c>NewsArticle</c>, <c>BlogPosting</c>, ...), found at the top, in an
/// array or in an <c>@graph</c>. Invalid JSON is skipped, as Readability.js skips it.
/// </summary>
/// <param name="Name">The object's <c>name</c>.</param>
/// <param name="Headline">Its <c>headline</c>.</param>
/// <param name="Byline">Its authors' names, joined with commas.</param>
/// <param name="Description">Its <c>description</c>.</param>
/// <param name="Publisher">Its publisher's name.</param>
/// <param name="DatePublished">Its <c>datePublished</c> as written.</param>
public sealed partial record HtmlMetadataJsonLd(string? Name, string? Headline, string? Byline, string? Description, string? Publisher, string? DatePublished)
{
    /// <summary>Scripts longer than this are not parsed (a page's data blob, not its metadata).</summary>
    public const int MaxScriptLength = 1_000_000;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    // Readability.js's list of schema.org article types, with its loose anchoring: a type beginning with
    // "Article", ending with "APIReference" or containing any other name counts.
    [GeneratedRegex("^Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference$")]
    private static partial Regex ArticleType();

    [GeneratedRegex(@"^https?://schema\.org/?$", RegexOptions.IgnoreCase)]
    private static partial Regex SchemaOrg();

    [GeneratedRegex(@"^\s*<!\[CDATA\[|\]\]>\s*$")]
    private static partial Regex CData();

    /// <summary>The article described by the first of <paramref name="scripts"/> that describes one, or null.</summary>
    public static HtmlMetadataJsonLd? Read(IEnumerable<string> scripts)
    {
        foreach (var script in scripts)
        {
            // Most scripts describe the site, its breadcrumbs or a video: skip them without parsing.
            if (script.Length > MaxScriptLength || !MayDescribeArticle(script))
                continue;
            using var document = Parse(CData().Replace(script, ""));
            if (document is null)
                continue;
            var root = document.RootElement;
            var ids = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (FindArticle(root, SchemaContext(root), ids) is { } article)
                return Describe(article, ids);
        }
        return null;
    }

    private static bool MayDescribeArticle(string script) =>
        script.Contains("Article", StringComparison.Ordinal) || script.Contains("Posting", StringComparison.Ordinal)
        || script.Contains("Report", StringComparison.Ordinal) || script.Contains("APIReference", StringComparison.Ordinal);

    private static JsonDocument? Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException)
        {
            // Pages often write raw line breaks and tabs inside strings; JSON forbids them, browsers' authors
            // don't notice. One retry with them turned into spaces recovers most such scripts.
            if (!json.Any(c => c is '\n' or '\r' or '\t'))
                return null;
            try
            {
                return JsonDocument.Parse(json.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' '), Options);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>True when <paramref name="node"/>'s <c>@context</c> is schema.org, as a URL or an <c>@vocab</c>.</summary>
    private static bool SchemaContext(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object || !JsonText.TryGetProperty(node, "@context", out var context))
            return false;
        if (context.ValueKind == JsonValueKind.Object && JsonText.TryGetProperty(context, "@vocab", out var vocab))
            context = vocab;
        if (context.ValueKind == JsonValueKind.Array)
            return context.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.String && SchemaOrg().IsMatch(String(c)));
        return context.ValueKind == JsonValueKind.String && SchemaOrg().IsMatch(String(context));
    }

    /// <summary>
    /// The first object of an article type under <paramref name="node"/> whose context (its own or an
    /// enclosing one) is schema.org, indexing the <c>@id</c>s it passes so authors given by reference resolve.
    /// </summary>
    private static JsonElement? FindArticle(JsonElement node, bool schema, Dictionary<string, JsonElement> ids)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
                Index(item, ids);
            foreach (var item in node.EnumerateArray())
                if (FindArticle(item, schema || SchemaContext(item), ids) is { } found)
                    return found;
            return null;
        }
        if (node.ValueKind != JsonValueKind.Object)
            return null;
        if (IsArticle(node))
            return schema ? node : null;
        if (JsonText.TryGetProperty(node, "@graph", out var graph) && graph.ValueKind == JsonValueKind.Array)
            return FindArticle(graph, schema, ids);
        return null;
    }

    private static void Index(JsonElement node, Dictionary<string, JsonElement> ids)
    {
        if (node.ValueKind == JsonValueKind.Object && Text(node, "@id") is { } id)
            ids.TryAdd(id, node);
    }

    private static bool IsArticle(JsonElement node)
    {
        if (!JsonText.TryGetProperty(node, "@type", out var type))
            return false;
        if (type.ValueKind == JsonValueKind.String)
            return ArticleType().IsMatch(String(type));
        return type.ValueKind == JsonValueKind.Array
            && type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && ArticleType().IsMatch(String(t)));
    }

    private static HtmlMetadataJsonLd Describe(JsonElement article, Dictionary<string, JsonElement> ids) =>
        new(
            Text(article, "name"),
            Text(article, "headline"),
            Authors(article, ids),
            Text(article, "description"),
            JsonText.TryGetProperty(article, "publisher", out var publisher) ? NameOf(publisher, ids) : null,
            Text(article, "datePublished"));

    /// <summary>The authors' names joined with commas: one object, an array of objects, or plain names.</summary>
    private static string? Authors(JsonElement article, Dictionary<string, JsonElement> ids)
    {
        if (!JsonText.TryGetProperty(article, "author", out var author))
            return null;
        if (author.ValueKind != JsonValueKind.Array)
            return NameOf(author, ids);
        var names = new List<string>();
        foreach (var item in author.EnumerateArray())
            if (NameOf(item, ids) is { } name && !names.Contains(name))
                names.Add(name);
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    /// <summary>The name of a person or organization: its <c>name</c>, the object its <c>@id</c> points to, or a plain string that is not a link.</summary>
    private static string? NameOf(JsonElement node, Dictionary<string, JsonElement> ids)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.String:
                var text = String(node).Trim();
                return text.Length == 0 || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? null : text;
            case JsonValueKind.Object:
                if (Text(node, "name") is { } name)
                    return name;
                if (JsonText.TryGetProperty(node, "name", out var names) && names.ValueKind == JsonValueKind.Array)
                    return names.EnumerateArray().Select(n => n.ValueKind == JsonValueKind.String ? String(n).Trim() : "").FirstOrDefault(n => n.Length > 0);
                if (Text(node, "@id") is { } id && ids.TryGetValue(id, out var target) && Text(target, "name") is { } targetName)
                    return targetName;
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// A string's text. A page's JSON-LD may escape a surrogate without its pair (<c>"\ud800"</c>), which JavaScript's
    /// JSON.parse reads and System.Text.Json throws on (found by fuzzing the pipeline); it becomes U+FFFD.
    /// </summary>
    private static string String(JsonElement value)
    {
        var replaced = 0;
        return JsonText.Read(value, ref replaced);
    }

    private static string? Text(JsonElement node, string property)
    {
        if (node.ValueKind != JsonValueKind.Object || !JsonText.TryGetProperty(node, property, out var value) || value.ValueKind != JsonValueKind.String)
            return null;
        var text = String(value).Trim();
        return text.Length == 0 ? null : text;
    }
}
