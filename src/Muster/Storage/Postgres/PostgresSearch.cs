using System.Text;
using Npgsql;
using Muster.Storage.Sql;

namespace Muster.Storage.Postgres;

/// <summary>
/// Full-text search with PostgreSQL's tsvector and GIN: a <see cref="SearchQuery"/> written as <c>to_tsquery</c>
/// input (every word quoted, so nothing typed is read as an operator), matched under each story's own language and
/// highlighted by <c>ts_headline</c>. Russian and Ukrainian words are looked for as prefixes of their stems, as on
/// SQLite, so that Ukrainian (indexed with <c>simple</c>) finds a word's other forms too.
/// </summary>
internal static class PostgresSearch
{
    private const char Open = '\u0002', Close = '\u0003';

    /// <summary>The query under every configuration a story may be indexed with: what the GIN index can answer.</summary>
    public static string AnyLanguage(string parameter) =>
        $"(to_tsquery('english', {parameter}) || to_tsquery('russian', {parameter}) || to_tsquery('simple', {parameter}))";

    public static IReadOnlyList<SearchHit> Search(SqlSession session, SearchQuery query, int limit)
    {
        try
        {
            // The index finds candidates under any language; each story is then matched, ranked and highlighted in its
            // own. The passage is the body's, or the title's when only the title matches (ts_rank ranks title matches
            // first, and a passage without a match would say nothing).
            return session.Rows($"""
                SELECT s.id, s.title,
                       CASE WHEN s.title IS NULL OR to_tsvector(s.search_config, s.body) @@ to_tsquery(s.search_config, @query)
                            THEN ts_headline(s.search_config, s.body, to_tsquery(s.search_config, @query), @options)
                            ELSE ts_headline(s.search_config, s.title, to_tsquery(s.search_config, @query), @options) END,
                       ts_rank(s.search_vector, to_tsquery(s.search_config, @query)) AS rank
                FROM stories s
                WHERE s.search_vector @@ {AnyLanguage("@query")} AND s.search_vector @@ to_tsquery(s.search_config, @query)
                ORDER BY rank DESC, s.id
                LIMIT @limit
                """, r => new SearchHit(r.GetString(0), RecordRows.Text(r, 1), Highlight.FromMarked(r.GetString(2), Open, Close), -r.GetFloat(3)),
                ("@query", TsQuery(query.Root)), ("@options", $"StartSel={Open}, StopSel={Close}, MaxWords=16, MinWords=6, MaxFragments=1"), ("@limit", limit));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.SyntaxError)
        {
            throw new SearchSyntaxException(e.MessageText);
        }
    }

    /// <summary>The query as <c>to_tsquery</c> input.</summary>
    internal static string TsQuery(SearchNode node) => node switch
    {
        SearchTerm term => Term(term),
        SearchAll all => "(" + string.Join(" & ", all.Parts.Select(TsQuery)) + ")",
        SearchAny any => "(" + string.Join(" | ", any.Parts.Select(TsQuery)) + ")",
        SearchExcept except => "(" + TsQuery(except.Include) + " & !" + TsQuery(except.Exclude) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static string Term(SearchTerm term)
    {
        var weight = term.Field switch { SearchField.Title => "A", SearchField.Body => "B", _ => "" };
        if (term.IsPhrase || term.Exact)
            return "(" + string.Join(" <-> ", term.Words.Select((w, k) => Lexeme(w, term.Prefix && k == term.Words.Count - 1, weight))) + ")";
        var word = term.Words[0];
        var cyrillic = !term.Prefix && Text.Scripts.HasCyrillic(word);
        var stem = cyrillic ? SearchTerms.Stem(word) : word;
        return Lexeme(stem, term.Prefix || cyrillic && stem.Length >= 3, weight);
    }

    /// <summary>The words of a claim filter as a phrase: each Cyrillic word a prefix of its stem, the last word a prefix.</summary>
    public static string Phrase(string text)
    {
        var words = SearchQuery.WordsOf(text);
        return string.Join(" <-> ", words.Select((w, k) =>
        {
            var cyrillic = Text.Scripts.HasCyrillic(w);
            return Lexeme(cyrillic ? SearchTerms.Stem(w) : w, cyrillic || k == words.Count - 1, "");
        }));
    }

    private static string Lexeme(string word, bool prefix, string weight)
    {
        var text = new StringBuilder("'").Append(word.Replace("'", "''").Replace("\\", "\\\\")).Append('\'');
        if (prefix || weight.Length > 0)
            text.Append(':').Append(prefix ? "*" : "").Append(weight);
        return text.ToString();
    }
}
