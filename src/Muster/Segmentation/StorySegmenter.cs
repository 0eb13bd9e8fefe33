using System.Text.RegularExpressions;
using Muster.Dates;

namespace Muster.Segmentation;

/// <summary>A story as the segmenter finds it, before ids, relevance and claims.</summary>
/// <param name="Role">Its role on the page.</param>
/// <param name="Title">The headline's span, or null.</param>
/// <param name="Paragraphs">The body's paragraphs.</param>
/// <param name="Published">A date the page states as the story's publication.</param>
public sealed record SegmentedStory(StoryRole Role, TextSpan? Title, IReadOnlyList<TextSpan> Paragraphs, PartialDate? Published);

/// <summary>
/// Splits a flattened news page into stories. Lines are grouped into candidates: a headline opens one,
/// paragraphs join the open one, dividers close it, furniture and appeals are dropped. The largest candidate
/// is the page's article; a headline right after it with a long body is a crosshead and joins it; other
/// titled candidates are teasers, author cards are authors, and untitled text outside the article is split
/// into one sidebar per paragraph block.
/// </summary>
public sealed class StorySegmenter(LineClassifier classifier)
{
    private static readonly Regex BioPattern = new(
        @"\b(?:is|was|am)\s+(?:an?|the)\s+(?:[\p{L}-]+\s+){0,3}(?:reporter|journalist|correspondent|editor|writer|columnist|analyst|producer|photographer|photojournalist|contributor)\b" +
        @"|^(?:We are|We're)\s+the\s+(?:[\p{L}-]+\s+){0,2}(?:team|desk|staff|newsroom)\b" +
        @"|\b(?:журналист|корреспондент|редактор|журналіст|кореспондент)\b",
        RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex DeskTitle = new(@"\b(?:news desk|newsroom|staff|editorial team|editors)$",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    /// <summary>A main article needs at least this much text, unless it is the only candidate.</summary>
    private const int MinimumArticleLength = 400;

    private sealed class Candidate
    {
        public PageLine? Title;
        public readonly List<(PageLine Line, bool AfterBlank)> Paragraphs = [];
        public PartialDate? Published;
        public bool AuthorCard;
        public bool Byline;
        public bool ClosedByDivider;
        public int Length => Paragraphs.Sum(p => p.Line.Text.Length);
    }

    /// <summary>Finds the stories of <paramref name="text"/>.</summary>
    public IReadOnlyList<SegmentedStory> Segment(string text)
    {
        var candidates = Collect(classifier.Classify(text));
        return AssignRoles(candidates);
    }

    private static List<Candidate> Collect(IReadOnlyList<PageLine> lines)
    {
        var candidates = new List<Candidate>();
        var headlines = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Candidate? current = null;
        PartialDate? pendingDate = null;
        var authorMarker = false;
        var blank = false;

        var pendingAuthors = new List<Candidate>();

        void Close(bool byDivider)
        {
            if (current is not null)
            {
                current.ClosedByDivider = byDivider;
                candidates.Add(current);
            }
            candidates.AddRange(pendingAuthors);
            pendingAuthors.Clear();
            current = null;
        }

        foreach (var line in lines)
        {
            Pipeline.PageBudget.Check("segmentation");
            switch (line.Kind)
            {
                case LineKind.Blank:
                    blank = true;
                    break;
                case LineKind.Divider:
                case LineKind.AuthorMarker:
                    Close(byDivider: true);
                    authorMarker = line.Kind == LineKind.AuthorMarker;
                    break;
                case LineKind.Furniture:
                case LineKind.Appeal:
                    break;
                case LineKind.Dateline:
                    if (current is { Title: not null, Paragraphs.Count: 0, Published: null })
                        current.Published = line.Date;
                    else
                        pendingDate = line.Date;
                    break;
                case LineKind.Byline:
                    // A byline under a headline belongs to that story: the headline stays open for its body.
                    if (current is { Title: not null, Paragraphs.Count: 0 })
                    {
                        pendingAuthors.Add(new Candidate { Title = line, Byline = true, AuthorCard = true });
                        break;
                    }
                    Close(byDivider: false);
                    candidates.Add(new Candidate { Title = line, Byline = true, AuthorCard = true });
                    break;
                case LineKind.Headline:
                    // A headline the page repeats (above and below a read-time badge, say) is one title.
                    if (!headlines.Add(Normalize(line.Text)))
                        break;
                    Close(byDivider: false);
                    current = new Candidate { Title = line, AuthorCard = authorMarker, Published = pendingDate };
                    pendingDate = null;
                    authorMarker = false;
                    break;
                case LineKind.Paragraph:
                    if (current is null)
                    {
                        current = new Candidate { Published = pendingDate, AuthorCard = authorMarker };
                        pendingDate = null;
                        authorMarker = false;
                    }
                    current.Paragraphs.Add((line, blank && current.Paragraphs.Count > 0));
                    break;
            }
            if (line.Kind != LineKind.Blank)
                blank = false;
        }
        Close(byDivider: true);
        // A short headline-shaped line with no body that is no author card — a masthead, a section name — is
        // navigation, not a story.
        candidates.RemoveAll(c => c.Title is not null && c.Paragraphs.Count == 0 && !c.Byline && !c.AuthorCard
            && c.Title.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3);
        return candidates;
    }

    private static string Normalize(string headline) => Regex.Replace(headline.Trim(), @"\s+", " ");

    private static bool IsAuthor(Candidate c)
    {
        if (c.Byline)
            return true;
        if (c.Title is not { } title || c.Paragraphs.Count > 2)
            return false;
        if (DeskTitle.IsMatch(title.Text))
            return true;
        var first = c.Paragraphs.Count > 0 ? c.Paragraphs[0].Line.Text : "";
        return BioPattern.IsMatch(first) || (c.AuthorCard && c.Paragraphs.Count <= 1 && title.Text.Split(' ').Length <= 5);
    }

    private static IReadOnlyList<SegmentedStory> AssignRoles(List<Candidate> candidates)
    {
        var authors = candidates.Select(IsAuthor).ToArray();
        var main = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (authors[i] || candidates[i].Paragraphs.Count == 0)
                continue;
            if (main < 0 || candidates[i].Length > candidates[main].Length)
                main = i;
        }
        var bodyCandidates = candidates.Where((c, i) => !authors[i] && c.Paragraphs.Count > 0).Count();
        if (main >= 0 && candidates[main].Length < MinimumArticleLength && bodyCandidates > 1
            && candidates[main].Paragraphs.Count < 2)
            main = -1; // a listing page of short items has no main article

        // The page's own headline and lead, then an inset (a promo card, a live-briefing box) with a headline of
        // its own, then the rest of the article: the first story on the page, when nothing divides it from the
        // larger one after it and it is a lead rather than a teaser's line, is where the article begins, and the
        // larger one's headline is a crosshead inside it.
        var lead = -1;
        if (main > 0)
        {
            var first = Array.FindIndex(authors, a => !a);
            var c = candidates[first];
            if (first == main - 1 && !c.ClosedByDivider && c.Title is not null && candidates[main].Title is not null
                && c.Paragraphs.Count >= 2 && c.Length >= 150 && c.Paragraphs.Count(p => LineClassifier.EndsSentence(p.Line.Text)) >= 2)
                lead = first;
        }

        // Crossheads: a headline right after the article (no divider between) followed by a long body is a
        // subheading inside the article, not another story.
        var mergedInto = new int[candidates.Count];
        Array.Fill(mergedInto, -1);
        if (main >= 0)
        {
            for (var i = main + 1; i < candidates.Count; i++)
            {
                var previous = candidates[i - 1];
                var c = candidates[i];
                if (authors[i] && !previous.ClosedByDivider)
                    continue; // a byline between the headline and the body does not end the article
                if (previous.ClosedByDivider || authors[i] || c.Title is null)
                    break;
                var lastText = c.Paragraphs.Count > 0 ? c.Paragraphs[^1].Line.Text : "";
                // A page cut off in mid-sentence ends inside the article: its last crosshead's body is short
                // because the page stops, not because it is a teaser's lead.
                var cutOff = c.Paragraphs.Count > 0 && c.Paragraphs[^1].Line.CutOff;
                if (c.Paragraphs.Count >= 1 && (c.Length >= 200 || cutOff && c.Length >= 60) && !lastText.EndsWith('…') && !lastText.EndsWith("..."))
                    mergedInto[i] = main;
                else
                    break;
            }
        }

        var stories = new List<SegmentedStory>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            if (mergedInto[i] >= 0 || i == lead)
                continue;
            if (i == main)
            {
                var paragraphs = c.Paragraphs.Select(p => Span(p.Line)).ToList();
                if (lead >= 0)
                {
                    paragraphs.Insert(0, Span(c.Title!));
                    paragraphs.InsertRange(0, candidates[lead].Paragraphs.Select(p => Span(p.Line)));
                    c = candidates[lead] is { Published: null } leadCandidate ? new Candidate { Title = leadCandidate.Title, Published = c.Published } : candidates[lead];
                }
                for (var j = i + 1; j < candidates.Count && (mergedInto[j] == main || authors[j]); j++)
                {
                    if (mergedInto[j] != main)
                        continue;
                    paragraphs.Add(Span(candidates[j].Title!));
                    paragraphs.AddRange(candidates[j].Paragraphs.Select(p => Span(p.Line)));
                }
                stories.Add(new SegmentedStory(StoryRole.Article, c.Title is null ? null : Span(c.Title), paragraphs, c.Published));
            }
            else if (authors[i])
            {
                stories.Add(new SegmentedStory(StoryRole.Author, c.Title is null ? null : Span(c.Title),
                    c.Paragraphs.Select(p => Span(p.Line)).ToList(), null));
            }
            else if (c.Title is not null)
            {
                stories.Add(new SegmentedStory(StoryRole.Teaser, Span(c.Title), c.Paragraphs.Select(p => Span(p.Line)).ToList(), c.Published));
            }
            else
            {
                // Untitled text outside the article: each block between blank lines is its own item.
                var block = new List<TextSpan>();
                foreach (var (line, afterBlank) in c.Paragraphs)
                {
                    if (afterBlank && block.Count > 0)
                    {
                        stories.Add(new SegmentedStory(StoryRole.Sidebar, null, block, null));
                        block = [];
                    }
                    block.Add(Span(line));
                }
                if (block.Count > 0)
                    stories.Add(new SegmentedStory(StoryRole.Sidebar, null, block, c.Published));
            }
        }
        return stories;
    }

    private static TextSpan Span(PageLine line) => new(line.Start, line.End);
}
