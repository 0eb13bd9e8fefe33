using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Muster.Html;

/// <summary>
/// Extracts a page's article from AngleSharp's DOM. Written here rather than taken from SmartReader (a port
/// of Readability.js) because measured on the article-extraction benchmark it is both more accurate and
/// several times faster (see BENCHMARKS.md): it works in one scoring pass over precomputed text statistics,
/// without Readability's repeated re-parses and retries.
/// <para>
/// The stages: drop what never holds article text (scripts, navigation, forms, asides, and blocks whose
/// class or id says comments, sharing, related links and the like); score each container by the paragraphs
/// inside it (length, commas, link density, class and id hints); take the best container with the siblings
/// that score near it; read its blocks in order; drop short link lists, captions, bylines and furniture
/// lines. A page whose best container holds too little prose is judged not readerable: it has teasers, not
/// an article.
/// </para>
/// </summary>
public sealed partial class HtmlArticleExtractor
{
    /// <summary>
    /// Pages larger than this many characters are refused by the pipeline (and cut here, for direct callers), so
    /// that one page cannot stall a batch: real article pages stay under 3 MB of markup.
    /// </summary>
    public const int MaxCharacters = 8_000_000;

    /// <summary>DOM depth beyond which elements are ignored (deeply nested markup is an attack or a broken page).</summary>
    public const int MaxDepth = 400;

    private static readonly HashSet<string> DroppedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "button", "select",
        "input", "textarea", "nav", "aside", "footer", "menu", "dialog", "video", "audio", "map", "head", "link", "meta",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "li", "dl", "dd", "dt", "table",
        "tr", "td", "th", "tbody", "thead", "h1", "h2", "h3", "h4", "h5", "h6", "header", "figure", "figcaption",
        "hr", "br", "form", "fieldset", "address", "center", "details", "summary", "body", "caption",
    };

    private static readonly HashSet<string> ParagraphTags = new(StringComparer.OrdinalIgnoreCase) { "p", "pre", "td", "blockquote", "li", "dd" };

    [GeneratedRegex(@"comment|disqus|share|sharing|social|related|recommend|newsletter|subscri|signup|sign-up|promo|sponsor|advert|\bads?\b|ad-|-ad\b|banner|sidebar|side-bar|breadcrumb|cookie|consent|gdpr|popup|modal|paywall|trending|most-?popular|more-?stories|read-?more|next-?article|tags?\b|tag-list|topics|footer|masthead|navbar|\bnav\b|menu|widget|outbrain|taboola|byline|author|caption|credit|toolbar|print|pagination|pager|skip|hidden|visually-hidden|sr-only|screen-reader|meta\b|dateline|timestamp|rating|related|survey|donate|membership|inline-?cta|cta\b", RegexOptions.IgnoreCase)]
    private static partial Regex NegativeHint();

    [GeneratedRegex(@"article|body|content|entry|main|post|story|text|prose|blog|news|page|column|hentry|rich", RegexOptions.IgnoreCase)]
    private static partial Regex PositiveHint();

    [GeneratedRegex(@"comment|share|social|related|recommend|newsletter|subscri|promo|sponsor|advert|banner|sidebar|breadcrumb|cookie|popup|modal|outbrain|taboola|trending|most-?popular|more-?stories|footer|nav\b|navbar|menu|tag-?list|skip-?link|sr-only|visually-hidden|screen-reader", RegexOptions.IgnoreCase)]
    private static partial Regex Unlikely();

    [GeneratedRegex(@"article|body|content|main|story|entry|post|text|column", RegexOptions.IgnoreCase)]
    private static partial Regex MaybeCandidate();

    // Furniture whatever else the name says: "article-byline", "story-share" and "post-tags" are never body text.
    [GeneratedRegex(@"byline|caption|credit|share|sharing|social|related|comment|newsletter|promo|(?<![\w-])tags?(?![\w-])|tag-?list|tag-?cloud|tags-|breadcrumb|advert|\bads?\b|ad-slot|ad-container|sponsor|subscri|timestamp|dateline|read-?more|read-?next|most-?popular|most-?read|recommend|author-?bio|author-?info|about-?author|outbrain|taboola|trending|toolbar|paywall|signup|sign-up|print-only|visually-hidden|sr-only|screen-reader", RegexOptions.IgnoreCase)]
    private static partial Regex Furniture();

    // Readers' comments are never the article, however long they run.
    [GeneratedRegex(@"comment|disqus|replies|\brespond\b", RegexOptions.IgnoreCase)]
    private static partial Regex Comments();

    // The names sites give their article body; such an element is never furniture, whatever else its names say
    // ("entry-content entry-content-read-more").
    [GeneratedRegex(@"entry-?content|article-?body|articlebody|article-?content|article-?text|post-?content|post-?body|post-?text|story-?body|story-?content|story-?text|main-?content|body-?text|content-?body|rich-?text|\bprose\b", RegexOptions.IgnoreCase)]
    private static partial Regex BodyHint();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed class Stats
    {
        public int Text;      // characters of visible text, whitespace runs counted once
        public int LinkText;  // of which inside links
        public int Commas;
        public int LooseText;   // text directly inside (or inside inline children) when the element also has block children
        public int LooseCommas;
        public double Score;
        public bool Candidate;
    }

    /// <summary>Extracts the article, metadata and teasers of a whole page.</summary>
    /// <param name="html">The page's markup.</param>
    /// <param name="url">The page's URL, when known, to resolve relative links.</param>
    public HtmlArticle Extract(string html, string? url = null)
    {
        var document = Parse(html);
        var metadata = HtmlMetadata.Read(document);
        var body = document.Body;
        if (body is null)
            return Describe(metadata, url, [], false, []);
        var evidence = HtmlReaderable.Assess(document);
        Clean(body);
        var stats = new Dictionary<INode, Stats>(ReferenceEqualityComparer.Instance);
        Measure(body, stats, 0);
        var found = HtmlTeaserFinder.Find(body);
        // A teaser item (a headline link with a line or two) is another story's summary: its text does not
        // make its container the article, however many of them a stream of related stories holds. An item
        // longer than a summary is a whole post under a linked title, and counts.
        var teaserItems = new HashSet<INode>(ReferenceEqualityComparer.Instance);
        foreach (var (_, _, item) in found)
            if (stats.TryGetValue(item, out var itemStats) && itemStats.Text <= MaxTeaserText)
                teaserItems.Add(item);
        var candidates = Score(body, stats, teaserItems);
        var best = Best(body, candidates, stats, out var top);
        var selected = best is null ? [] : WithSiblings(best, stats);
        if (top is not null)
            selected = WithPeers(top, selected, candidates, stats);
        var blocks = new List<Block>();
        foreach (var node in selected)
            Blocks(node, blocks, stats, 0);
        var pruned = Prune(blocks, metadata.Title);
        var bodyBlocks = pruned.Select(b => b.Text).ToList();
        var readerable = HtmlReaderable.Decide(evidence, bodyBlocks, pruned.Where(b => b.Tabular).Sum(b => b.Text.Length), pruned.Count(b => b.Tabular),
            dated: metadata.Published is not null);
        var inArticle = found.Where(t => selected.Any(e => e.Contains(t.Link))).ToList();
        if (readerable && IsListing(selected, inArticle, stats))
            readerable = false;
        var teasers = found.Where(t => !readerable || !inArticle.Contains(t)).Select(t => t.Teaser).ToList();
        return Describe(metadata, url, readerable ? bodyBlocks : [], readerable, teasers);
    }

    /// <summary>
    /// True when what was read as the article is a list of teasers: three or more headline items whose
    /// summaries make up most of its text (a listing or front page, which Readability-style extractors glue
    /// into one "article").
    /// </summary>
    private static bool IsListing(List<IElement> selected, List<(HtmlTeaser Teaser, IElement Link, IElement Item)> inArticle, Dictionary<INode, Stats> stats)
    {
        if (inArticle.Count < 3)
            return false;
        var selectedText = selected.Sum(e => stats.TryGetValue(e, out var s) ? s.Text : 0);
        var teaserText = inArticle.Sum(t => t.Teaser.Title.Length + (t.Teaser.Summary?.Length ?? 0));
        return selectedText > 0 && teaserText >= selectedText * 0.6;
    }

    /// <summary>The article body of <paramref name="html"/> as one text (empty when the page has no article).</summary>
    public string ExtractBody(string html, string? url = null) => Extract(html, url).BodyText;

    /// <summary>
    /// Reads every block of an HTML fragment (a feed item's content) in order: the fragment is all article,
    /// so nothing is scored away, only markup that never holds text.
    /// </summary>
    public IReadOnlyList<string> ExtractFragment(string html)
    {
        var document = Parse(html);
        var body = document.Body;
        if (body is null)
            return [];
        Clean(body);
        var stats = new Dictionary<INode, Stats>(ReferenceEqualityComparer.Instance);
        Measure(body, stats, 0);
        var blocks = new List<Block>();
        Blocks(body, blocks, stats, 0);
        return blocks.Select(b => b.Text).ToList();
    }

    private static IDocument Parse(string html)
    {
        if (html.Length > MaxCharacters)
            html = html[..MaxCharacters];
        // Nesting past the walk's depth is flattened first: the parser's time grows with its square, and the walk
        // would drop the text below it.
        html = HtmlNesting.Flatten(html, out _);
        // A parser per call: AngleSharp's parser keeps per-parse state.
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false, IsNotConsumingCharacterReferences = false });
        return parser.ParseDocument(html);
    }

    private static HtmlArticle Describe(HtmlMetadata metadata, string? url, IReadOnlyList<string> body, bool readerable, IReadOnlyList<HtmlTeaser> teasers) =>
        new()
        {
            Metadata = metadata with { CanonicalUrl = metadata.CanonicalUrl ?? url },
            Readerable = readerable,
            Body = body,
            Teasers = teasers,
        };

    /// <summary>Removes what never holds article text, and containers whose class or id marks them as furniture.</summary>
    private static void Clean(IElement root)
    {
        var doomed = new List<IElement>();
        Collect(root, 0);
        foreach (var element in doomed)
            element.Remove();

        void Collect(IElement element, int depth)
        {
            foreach (var child in element.Children)
            {
                if (depth > MaxDepth || IsDropped(child))
                {
                    doomed.Add(child);
                    continue;
                }
                Collect(child, depth + 1);
            }
        }
    }

    private static bool IsDropped(IElement element)
    {
        var tag = element.LocalName;
        if (DroppedTags.Contains(tag))
            return true;
        if (element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true" && tag != "span")
            return true;
        var style = element.GetAttribute("style");
        if (style is not null && (style.Contains("display:none", StringComparison.OrdinalIgnoreCase) || style.Contains("display: none", StringComparison.OrdinalIgnoreCase)))
            return true;
        if (tag is "body" or "html" or "article" or "main" or "a" or "p")
            return false;
        var hint = Hint(element);
        if (hint.Length == 0)
            return false;
        if (BodyHint().IsMatch(hint) || element.GetAttribute("itemprop") == "articleBody")
            return false;
        if (Furniture().IsMatch(hint))
            return Comments().IsMatch(hint) || !HoldsArticle(element);
        return Unlikely().IsMatch(hint) && !MaybeCandidate().IsMatch(hint) && !HoldsArticle(element);
    }

    /// <summary>
    /// True when an element whose name sounds like furniture ("sticky-sidebar", "header-wrap") in fact wraps
    /// the article: it holds an <c>&lt;article&gt;</c>, an <c>articleBody</c>, or long paragraphs. Readability.js
    /// reaches the same end by extracting again without its unlikely-candidate rule; checking here costs one
    /// look at the few elements concerned instead of a second parse.
    /// </summary>
    private static bool HoldsArticle(IElement element)
    {
        if (element.QuerySelector("article, [itemprop=articleBody]") is not null)
            return true;
        var prose = 0;
        foreach (var paragraph in element.GetElementsByTagName("p"))
        {
            var length = paragraph.TextContent.Length;
            if (length >= 120)
                prose += length;
            if (prose >= 1000)
                return true;
        }
        return false;
    }

    private static string Hint(IElement element)
    {
        var className = element.GetAttribute("class");
        var id = element.Id;
        if (string.IsNullOrEmpty(className))
            return id ?? "";
        return string.IsNullOrEmpty(id) ? className : className + " " + id;
    }

    /// <summary>Counts visible text, link text and commas under every element, bottom-up, once.</summary>
    private static Stats Measure(INode node, Dictionary<INode, Stats> stats, int depth)
    {
        var total = new Stats();
        var hasBlocks = false;
        int inlineText = 0, inlineCommas = 0;
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                var data = text.Data;
                var length = VisibleLength(data);
                var commas = CountCommas(data);
                total.Text += length;
                total.Commas += commas;
                inlineText += length;
                inlineCommas += commas;
            }
            else if (child is IElement element && depth < MaxDepth)
            {
                var inner = Measure(element, stats, depth + 1);
                total.Text += inner.Text;
                total.Commas += inner.Commas;
                total.LinkText += element.LocalName == "a" ? inner.Text : inner.LinkText;
                if (BlockTags.Contains(element.LocalName) && element.LocalName != "br")
                {
                    hasBlocks = true;
                }
                else if (element.LocalName != "a")
                {
                    inlineText += inner.Text;
                    inlineCommas += inner.Commas;
                }
            }
        }
        // Text written straight into a container beside its blocks (paragraphs separated by <br>, as blog
        // engines write them) counts as a paragraph of that container, as Readability.js's wrapping of such
        // runs in <p> makes it count.
        if (hasBlocks)
        {
            total.LooseText = inlineText;
            total.LooseCommas = inlineCommas;
        }
        stats[node] = total;
        return total;
    }

    private static int VisibleLength(string data)
    {
        var length = 0;
        var space = true;
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space)
                    length++;
                space = true;
            }
            else
            {
                length++;
                space = false;
            }
        }
        return length;
    }

    private static int CountCommas(string data)
    {
        var count = 0;
        foreach (var c in data)
            if (c is ',' or '،' or '，' or '、')
                count++;
        return count;
    }

    private static double LinkDensity(Stats s) => s.Text == 0 ? 0 : (double)s.LinkText / s.Text;

    /// <summary>Scores containers by the paragraphs inside them (Readability's scheme on precomputed statistics).</summary>
    /// <summary>Teaser items with more text than this are posts, not summaries.</summary>
    private const int MaxTeaserText = 700;

    private static bool InTeaser(IElement element, HashSet<INode> teaserItems)
    {
        if (teaserItems.Count == 0)
            return false;
        for (var node = element; node is not null; node = node.ParentElement)
            if (teaserItems.Contains(node))
                return true;
        return false;
    }

    private static List<IElement> Score(IElement body, Dictionary<INode, Stats> stats, HashSet<INode> teaserItems)
    {
        var candidates = new List<IElement>();
        foreach (var element in body.QuerySelectorAll("*"))
        {
            if (!stats.TryGetValue(element, out var s))
                continue;
            if ((s.LooseText >= 25 || s.Text >= 25) && InTeaser(element, teaserItems))
                continue;
            if (s.LooseText >= 25)
                Credit(element, 1.0 + s.LooseCommas + Math.Min(s.LooseText / 100, 3));
            if (!IsParagraph(element, stats) || s.Text < 25)
                continue;
            Credit(element.ParentElement, 1.0 + s.Commas + Math.Min(s.Text / 100, 3));
        }
        foreach (var candidate in candidates)
        {
            var s = stats[candidate];
            s.Score *= 1 - LinkDensity(s);
        }
        return candidates;

        void Credit(IElement? first, double score)
        {
            var ancestor = first;
            for (var level = 0; ancestor is not null && level < 5; level++, ancestor = ancestor.ParentElement)
            {
                if (!stats.TryGetValue(ancestor, out var a))
                    break;
                if (!a.Candidate)
                {
                    a.Candidate = true;
                    a.Score = Initial(ancestor);
                    candidates.Add(ancestor);
                }
                a.Score += level switch { 0 => score, 1 => score / 2, _ => score / (level * 3) };
            }
        }
    }

    private static bool IsParagraph(IElement element, Dictionary<INode, Stats> stats)
    {
        var tag = element.LocalName;
        if (ParagraphTags.Contains(tag))
            return tag != "li" || element.ParentElement?.ParentElement?.LocalName != "li";
        if (tag is "div" or "section")
        {
            // A div used as a paragraph: it holds text of its own and no block children.
            foreach (var child in element.Children)
                if (BlockTags.Contains(child.LocalName) && child.LocalName != "br")
                    return false;
            return stats.TryGetValue(element, out var s) && s.Text > 0;
        }
        return false;
    }

    private static double Initial(IElement element)
    {
        var score = element.LocalName switch
        {
            "div" or "article" or "main" or "section" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        if (element.LocalName == "article" || element.GetAttribute("itemprop") == "articleBody")
            score += 15;
        var className = element.GetAttribute("class");
        if (!string.IsNullOrEmpty(className))
        {
            if (NegativeHint().IsMatch(className)) score -= 25;
            if (PositiveHint().IsMatch(className)) score += 25;
        }
        var id = element.Id;
        if (!string.IsNullOrEmpty(id))
        {
            if (NegativeHint().IsMatch(id)) score -= 25;
            if (PositiveHint().IsMatch(id)) score += 25;
        }
        return score;
    }

    private static IElement? Best(IElement body, List<IElement> candidates, Dictionary<INode, Stats> stats, out IElement? top)
    {
        IElement? best = null;
        var bestScore = double.MinValue;
        foreach (var candidate in candidates)
        {
            var score = stats[candidate].Score;
            if (score > bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }
        top = best;
        if (best is null)
            return null;
        // An article split into chunks (ads between them) gives several containers that score alike: the
        // nearest ancestor holding them is the article (Readability.js's rule for its top candidates).
        var alternatives = candidates
            .Where(c => c != best && stats[c].Score >= bestScore * 0.75 && !c.Contains(best) && !best.Contains(c))
            .OrderByDescending(c => stats[c].Score)
            .Take(4)
            .ToList();
        if (alternatives.Count > 0)
        {
            var ancestor = best.ParentElement;
            for (var level = 0; ancestor is not null && ancestor != body && level < 4; level++, ancestor = ancestor.ParentElement)
            {
                var inside = alternatives.Count(ancestor.Contains);
                if (inside >= Math.Min(2, alternatives.Count))
                {
                    best = ancestor;
                    break;
                }
            }
        }
        // When the best container's parent holds most of the same prose, the article is likely split
        // across siblings: climb while the parent scores close to it.
        var node = best;
        while (node.ParentElement is { } parent && parent != body && stats.TryGetValue(parent, out var ps) && ps.Candidate
               && ps.Score >= stats[node].Score * 0.9 && LinkDensity(ps) < 0.3)
            node = parent;
        return node;
    }

    /// <summary>
    /// Adds the chunks of an article that the selection missed: containers that share the top container's tag
    /// and class (sites write each chunk of a body with the same markup, with ads or embeds between them
    /// at any depth), in page order.
    /// </summary>
    private static List<IElement> WithPeers(IElement top, List<IElement> selected, List<IElement> candidates, Dictionary<INode, Stats> stats)
    {
        var className = top.GetAttribute("class");
        if (string.IsNullOrWhiteSpace(className))
            return selected;
        List<IElement>? peers = null;
        foreach (var candidate in candidates)
        {
            if (candidate == top || candidate.LocalName != top.LocalName || candidate.GetAttribute("class") != className)
                continue;
            var s = stats[candidate];
            if (s.Score <= 0 || LinkDensity(s) > 0.3 || selected.Any(e => e.Contains(candidate)))
                continue;
            (peers ??= []).Add(candidate);
        }
        if (peers is null)
            return selected;
        var all = selected.Concat(peers).Where(e => !peers.Any(p => p != e && p.Contains(e))).ToList();
        all.Sort((a, b) => a == b ? 0 : a.CompareDocumentPosition(b).HasFlag(DocumentPositions.Following) ? -1 : 1);
        return all;
    }

    private static List<IElement> WithSiblings(IElement best, Dictionary<INode, Stats> stats)
    {
        var parent = best.ParentElement;
        if (parent is null || best.LocalName == "body")
            return [best];
        var bestScore = stats[best].Score;
        var threshold = Math.Max(10, bestScore * 0.2);
        var selected = new List<IElement>();
        foreach (var sibling in parent.Children)
        {
            if (sibling == best)
            {
                selected.Add(sibling);
                continue;
            }
            if (!stats.TryGetValue(sibling, out var s))
                continue;
            var bonus = 0.0;
            if (!string.IsNullOrEmpty(sibling.ClassName) && sibling.ClassName == best.ClassName)
                bonus = bestScore * 0.2;
            if (s.Candidate && s.Score + bonus >= threshold)
            {
                selected.Add(sibling);
                continue;
            }
            if (sibling.LocalName == "p")
            {
                var density = LinkDensity(s);
                if (s.Text > 80 && density < 0.25 || s.Text > 0 && s.Text <= 80 && density == 0 && s.Commas + 1 > 0 && EndsSentence(sibling.TextContent))
                    selected.Add(sibling);
            }
        }
        return selected;
    }

    private static bool EndsSentence(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or '"' or '”' or '»' or '。' or '！' or '？' or '…' or ')' or '」';
    }

    /// <summary>A block of text read from the page, with how much of it is link text.</summary>
    private readonly record struct Block(string Text, int LinkCharacters, bool Tabular)
    {
        public double LinkDensity => Text.Length == 0 ? 0 : (double)LinkCharacters / Text.Length;
    }

    /// <summary>Reads the text blocks under <paramref name="root"/> in order, one per paragraph-level element.</summary>
    private static void Blocks(INode root, List<Block> blocks, Dictionary<INode, Stats> stats, int depth)
    {
        var current = new StringBuilder();
        var links = 0;
        var rootText = stats.TryGetValue(root, out var rs) ? rs.Text : 0;
        var tabular = 0;
        Walk(root, depth, false);
        Flush();

        void Flush()
        {
            if (current.Length == 0)
                return;
            var text = Whitespace().Replace(current.ToString(), " ").Trim();
            if (text.Length > 0)
                blocks.Add(new Block(text, Math.Min(links, text.Length), tabular > 0));
            current.Clear();
            links = 0;
        }

        void Walk(INode node, int level, bool inLink)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText text)
                {
                    current.Append(text.Data);
                    if (inLink)
                        links += VisibleLength(text.Data);
                    continue;
                }
                if (child is not IElement element || level > MaxDepth)
                    continue;
                var tag = element.LocalName;
                if (tag == "br")
                {
                    // Two breaks in a row end a paragraph; one is a line break inside it.
                    if (element.NextElementSibling?.LocalName == "br" && IsOnlyWhitespaceBetween(element))
                        Flush();
                    else
                        current.Append(' ');
                    continue;
                }
                if (tag is "figure" or "figcaption" || tag is "ul" or "ol" && IsLinkList(element, stats))
                    continue;
                // An <article> inside the article is another story's teaser (related posts), unless it holds
                // most of the text.
                if (tag == "article" && stats.TryGetValue(element, out var nested) && nested.Text * 2 < rootText)
                    continue;
                if (BlockTags.Contains(tag))
                {
                    Flush();
                    var cell = tag is "td" or "th" or "li" or "dd" or "dt";
                    if (cell)
                        tabular++;
                    Walk(element, level + 1, inLink);
                    Flush();
                    if (cell)
                        tabular--;
                }
                else
                {
                    Walk(element, level + 1, inLink || tag == "a");
                }
            }
        }
    }

    private static bool IsOnlyWhitespaceBetween(IElement br)
    {
        for (var node = br.NextSibling; node is not null; node = node.NextSibling)
        {
            if (node is IElement e)
                return e.LocalName == "br";
            if (node is IText t && !string.IsNullOrWhiteSpace(t.Data))
                return false;
        }
        return false;
    }

    private static bool IsLinkList(IElement list, Dictionary<INode, Stats> stats) =>
        stats.TryGetValue(list, out var s) && s.Text > 0 && LinkDensity(s) > 0.5;

    /// <summary>
    /// Drops blocks that are page furniture rather than article text: the title repeated, link lists, and at
    /// the edges of the article short lines that are not sentences (bylines, datelines, "Share", "Tags: ...").
    /// </summary>
    private static List<Block> Prune(List<Block> blocks, string? title)
    {
        var kept = new List<Block>(blocks.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            var text = block.Text;
            if (title is not null && string.Equals(text, title.Trim(), StringComparison.OrdinalIgnoreCase))
                continue;
            if (!seen.Add(text) && text.Length < 200)
                continue;
            if (block.LinkDensity > 0.5 && text.Length < 300)
                continue;
            kept.Add(block);
        }
        // Edges: before the first and after the last sentence-like paragraph, what is short and unpunctuated
        // is furniture.
        var first = kept.FindIndex(IsProse);
        var last = kept.FindLastIndex(IsProse);
        if (first < 0)
            return kept;
        var result = new List<Block>(kept.Count);
        for (var i = 0; i < kept.Count; i++)
        {
            if ((i < first || i > last) && !IsProse(kept[i]))
                continue;
            result.Add(kept[i]);
        }
        return result;
    }

    private static bool IsProse(Block block)
    {
        var length = EffectiveLength(block.Text);
        return length >= 100 || length >= 40 && EndsSentence(block.Text);
    }

    /// <summary>
    /// Length in Latin-script terms: a Chinese, Japanese or Korean character carries about as much as a short
    /// word, so it counts three.
    /// </summary>
    internal static int EffectiveLength(string text)
    {
        var length = 0;
        foreach (var c in text)
            length += c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' ? 3 : 1;
        return length;
    }
}
