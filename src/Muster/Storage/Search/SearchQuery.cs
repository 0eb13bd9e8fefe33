using System.Text;

namespace Muster.Storage;

/// <summary>Where a search term is looked for.</summary>
public enum SearchField
{
    /// <summary>The title or the body.</summary>
    Any,
    /// <summary>The story's title only (<c>title:word</c>).</summary>
    Title,
    /// <summary>The story's body only (<c>body:word</c>).</summary>
    Body,
}

/// <summary>A part of a search query: a term, or terms joined by AND, OR or NOT.</summary>
public abstract record SearchNode;

/// <summary>
/// Words to find: one word, or several in a row (a quoted phrase); <paramref name="Prefix"/> when the last one may
/// continue (<c>mobiliz*</c>); <paramref name="Exact"/> when quoted, so that a Russian or Ukrainian word is looked for
/// as written rather than in its other forms.
/// </summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool Prefix, SearchField Field = SearchField.Any, bool Exact = false) : SearchNode
{
    /// <summary>True for a quoted phrase (several words in a row).</summary>
    public bool IsPhrase => Words.Count > 1;
}

/// <summary>Every part matches.</summary>
public sealed record SearchAll(IReadOnlyList<SearchNode> Parts) : SearchNode;

/// <summary>Any part matches.</summary>
public sealed record SearchAny(IReadOnlyList<SearchNode> Parts) : SearchNode;

/// <summary><paramref name="Include"/> matches and <paramref name="Exclude"/> does not (<c>a NOT b</c>).</summary>
public sealed record SearchExcept(SearchNode Include, SearchNode Exclude) : SearchNode;

/// <summary>
/// A full-text search as Muster reads it from a person: words, <c>"exact phrases"</c>, <c>AND</c>, <c>OR</c>,
/// <c>NOT</c>, <c>prefix*</c>, parentheses and <c>title:</c>/<c>body:</c>. Each backend turns it into its own
/// full-text syntax; callers never see one.
/// </summary>
public sealed record SearchQuery(string Text, SearchNode Root)
{
    /// <summary>Reads <paramref name="text"/>; a query that cannot be read says why in one line.</summary>
    public static SearchQueryResult Parse(string text)
    {
        try
        {
            var parser = new Parser(Tokenize(text));
            var root = parser.Query();
            return new SearchQueryResult(new SearchQuery(text, root), null);
        }
        catch (FormatException e)
        {
            return new SearchQueryResult(null, e.Message);
        }
    }

    /// <summary>Reads <paramref name="text"/>.</summary>
    /// <exception cref="SearchSyntaxException">The query cannot be read.</exception>
    public static SearchQuery From(string text)
    {
        var parsed = Parse(text);
        return parsed.Query ?? throw new SearchSyntaxException(parsed.Error!);
    }

    /// <summary>Every term, in query order, and whether it is under a NOT.</summary>
    public IEnumerable<(SearchTerm Term, bool Negated)> Terms() => Walk(Root, false);

    private static IEnumerable<(SearchTerm, bool)> Walk(SearchNode node, bool negated) => node switch
    {
        SearchTerm t => [(t, negated)],
        SearchAll a => a.Parts.SelectMany(p => Walk(p, negated)),
        SearchAny a => a.Parts.SelectMany(p => Walk(p, negated)),
        SearchExcept e => Walk(e.Include, negated).Concat(Walk(e.Exclude, !negated)),
        _ => [],
    };

    private enum Kind { Word, Phrase, And, Or, Not, Open, Close }

    private sealed record Token(Kind Kind, string Text, bool Prefix, SearchField Field, int At);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c is '(' or ')')
            {
                tokens.Add(new Token(c == '(' ? Kind.Open : Kind.Close, c.ToString(), false, SearchField.Any, i));
                i++;
                continue;
            }
            var field = SearchField.Any;
            foreach (var (name, value) in new[] { ("title:", SearchField.Title), ("body:", SearchField.Body) })
            {
                if (string.Compare(text, i, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0 && i + name.Length < text.Length)
                {
                    field = value;
                    i += name.Length;
                    while (i < text.Length && char.IsWhiteSpace(text[i]))
                        i++;
                    break;
                }
            }
            var start = i;
            if (i < text.Length && text[i] == '"')
            {
                var phrase = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw new FormatException($"unterminated phrase: the quote at character {start + 1} is never closed");
                    if (text[i] == '"')
                    {
                        // Two quotes in a row are a quote inside the phrase.
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            phrase.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    phrase.Append(text[i++]);
                }
                var prefix = i < text.Length && text[i] == '*';
                if (prefix)
                    i++;
                tokens.Add(new Token(Kind.Phrase, phrase.ToString(), prefix, field, start));
                continue;
            }
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '"'))
                i++;
            var word = text[start..i];
            if (word.Length == 0)
                throw new FormatException($"expected a word at character {start + 1}");
            var kind = field == SearchField.Any ? word switch { "AND" => Kind.And, "OR" => Kind.Or, "NOT" => Kind.Not, _ => Kind.Word } : Kind.Word;
            var isPrefix = kind == Kind.Word && word.EndsWith('*');
            tokens.Add(new Token(kind, isPrefix ? word.TrimEnd('*') : word, isPrefix, field, start));
        }
        return tokens;
    }

    /// <summary>query := or; or := and (OR and)*; and := not ([AND] not)*; not := primary (NOT primary)*.</summary>
    private sealed class Parser(List<Token> tokens)
    {
        private int _next;

        private Token? Peek => _next < tokens.Count ? tokens[_next] : null;

        public SearchNode Query()
        {
            if (tokens.Count == 0)
                throw new FormatException("the query has no words");
            var root = Or();
            if (Peek is { } extra)
                throw new FormatException($"unexpected '{extra.Text}' at character {extra.At + 1}");
            return root;
        }

        private SearchNode Or()
        {
            var parts = new List<SearchNode> { And() };
            while (Peek is { Kind: Kind.Or })
            {
                _next++;
                parts.Add(And());
            }
            return parts.Count == 1 ? parts[0] : new SearchAny(parts);
        }

        private SearchNode And()
        {
            var parts = new List<SearchNode> { Not() };
            while (Peek is { Kind: Kind.And or Kind.Word or Kind.Phrase or Kind.Open })
            {
                if (Peek!.Kind == Kind.And)
                    _next++;
                parts.Add(Not());
            }
            return parts.Count == 1 ? parts[0] : new SearchAll(parts);
        }

        private SearchNode Not()
        {
            var node = Primary();
            while (Peek is { Kind: Kind.Not })
            {
                _next++;
                node = new SearchExcept(node, Primary());
            }
            return node;
        }

        private SearchNode Primary()
        {
            var token = Peek ?? throw new FormatException($"the query ends after '{tokens[^1].Text}' where a word was expected");
            _next++;
            switch (token.Kind)
            {
                case Kind.Open:
                    var inner = Or();
                    if (Peek is not { Kind: Kind.Close })
                        throw new FormatException($"the parenthesis at character {token.At + 1} is never closed");
                    _next++;
                    return inner;
                case Kind.Word or Kind.Phrase:
                    var words = WordsOf(token.Text);
                    if (words.Count == 0)
                        throw new FormatException($"'{token.Text}' at character {token.At + 1} has no letter or digit to look for");
                    return new SearchTerm(words, token.Prefix, token.Field, token.Kind == Kind.Phrase);
                default:
                    throw new FormatException($"unexpected '{token.Text}' at character {token.At + 1}: a word or a phrase was expected");
            }
        }
    }

    /// <summary>The words of a term as full-text indexes split them: runs of letters and digits.</summary>
    internal static List<string> WordsOf(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) is System.Globalization.UnicodeCategory.NonSpacingMark);
            if (inWord && start < 0)
                start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }
        return words;
    }
}

/// <summary>A search query read, or why it could not be.</summary>
public sealed record SearchQueryResult(SearchQuery? Query, string? Error);

/// <summary>The query cannot be read as a search.</summary>
public sealed class SearchSyntaxException(string message) : Exception(message);
