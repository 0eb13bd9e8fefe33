using System.Text;
using Microsoft.Data.Sqlite;
using Muster.Storage.Sql;

namespace Muster.Storage.Sqlite;

/// <summary>
/// Full-text search over titles and bodies with SQLite's FTS5: a <see cref="SearchQuery"/> written as FTS5 syntax
/// (every word quoted, so no input is ever read as an operator), snippets read back as <see cref="Highlight"/>s.
/// </summary>
internal static class SqliteSearch
{
    private const char Open = '\u0002', Close = '\u0003';

    public static IReadOnlyList<SearchHit> Search(SqlSession session, SearchQuery query, int limit)
    {
        try
        {
            return session.Rows("""
                SELECT s.id, s.title, snippet(story_search, 1, char(2), char(3), '…', 16), bm25(story_search)
                FROM story_search JOIN stories s ON s.rowid = story_search.rowid
                WHERE story_search MATCH @query
                ORDER BY bm25(story_search), s.id
                LIMIT @limit
                """, r => new SearchHit(r.GetString(0), RecordRows.Text(r, 1), Highlight.FromMarked(r.GetString(2), Open, Close), r.GetDouble(3)),
                ("@query", Fts5(query.Root)), ("@limit", limit));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            // SQLITE_ERROR from MATCH: what the query asks cannot be searched ("fts5: syntax error near …").
            throw new SearchSyntaxException(e.Message.Replace("SQLite Error 1: ", "", StringComparison.Ordinal).Trim('\'', '.'));
        }
    }

    /// <summary>The query in FTS5 syntax: Russian and Ukrainian words as prefixes of their stems; English ones left to the index's stemmer.</summary>
    internal static string Fts5(SearchNode node) => node switch
    {
        SearchTerm term => Term(term),
        SearchAll all => "(" + string.Join(" AND ", all.Parts.Select(Fts5)) + ")",
        SearchAny any => "(" + string.Join(" OR ", any.Parts.Select(Fts5)) + ")",
        SearchExcept except => "(" + Fts5(except.Include) + " NOT " + Fts5(except.Exclude) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static string Term(SearchTerm term)
    {
        var column = term.Field switch { SearchField.Title => "title : ", SearchField.Body => "body : ", _ => "" };
        var text = new StringBuilder(column);
        if (term.IsPhrase || term.Exact)
        {
            // A phrase stays as written: its words in a row, the last one a prefix when asked.
            text.Append('"').Append(string.Join(' ', term.Words).Replace("\"", "\"\"")).Append('"');
            if (term.Prefix)
                text.Append('*');
            return text.ToString();
        }
        var word = term.Words[0];
        var cyrillic = !term.Prefix && Text.Scripts.HasCyrillic(word);
        var stem = cyrillic ? SearchTerms.Stem(word) : word;
        text.Append('"').Append(stem.Replace("\"", "\"\"")).Append('"');
        if (term.Prefix || cyrillic && stem.Length >= 3)
            text.Append('*');
        return text.ToString();
    }
}
