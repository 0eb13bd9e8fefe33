using System.Globalization;
using System.Text.Json;
using Muster.Dates;
using Muster.Events;

namespace Muster.Storage.Sql;

/// <summary>
/// Writes one processed document — the document, its stories, claims and places — inside the open write
/// transaction, then links its stories and claims into clusters and events. Saving the same bytes again changes
/// nothing; new bytes under a known source are the source's next version.
/// </summary>
internal sealed class DocumentWriter(SqlSession session, EventLinker linker)
{
    /// <summary>Writes <paramref name="document"/>; the caller commits or rolls back.</summary>
    public SaveResult Write(PageDocument document, DateTimeOffset ingestedAt)
    {
        var existing = session.Scalar("SELECT id FROM documents WHERE sha256 = @sha", ("@sha", document.Sha256));
        if (existing is not null)
        {
            var version = Convert.ToInt32(session.Scalar("SELECT version FROM documents WHERE id = @id", ("@id", existing)), CultureInfo.InvariantCulture);
            return new SaveResult(SaveStatus.Unchanged, Convert.ToInt64(existing, CultureInfo.InvariantCulture), version);
        }
        var nextVersion = Convert.ToInt32(session.Scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM documents WHERE source = @source",
            ("@source", document.Source)), CultureInfo.InvariantCulture);
        var documentId = Convert.ToInt64(session.Scalar("""
            INSERT INTO documents (sha256, source, version, outlet, language, encoding, byte_length, ingested_at, text,
                                   format, url, title, byline, published, via)
            VALUES (@sha, @source, @version, @outlet, @language, @encoding, @bytes, @at, @text,
                    @format, @url, @title, @byline, @published, @via)
            RETURNING id
            """,
            ("@sha", document.Sha256), ("@source", document.Source), ("@version", nextVersion), ("@outlet", document.Outlet),
            ("@language", document.Language), ("@encoding", document.Encoding), ("@bytes", document.ByteLength),
            ("@at", ingestedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)), ("@text", document.Text),
            ("@format", document.Format), ("@url", document.Url), ("@title", document.Title), ("@byline", document.Byline),
            ("@published", document.Published?.ToString()),
            ("@via", document.Via.Count == 0 ? null : JsonSerializer.Serialize(document.Via))), CultureInfo.InvariantCulture);

        var ordinal = 0;
        var newClaims = new List<NewClaim>();
        foreach (var story in document.Stories)
        {
            ordinal++;
            session.Execute("""
                INSERT INTO stories (id, document_id, ordinal, role, title, title_start, title_end, body, paragraphs,
                                     start_offset, end_offset, published, relevant, sort_date)
                VALUES (@id, @doc, @ordinal, @role, @title, @ts, @te, @body, @paragraphs, @start, @end, @published, @relevant, @sort)
                """,
                ("@id", story.Id), ("@doc", documentId), ("@ordinal", ordinal), ("@role", DomainNames.RoleName(story.Role)),
                ("@title", story.Title), ("@ts", story.TitleSpan?.Start), ("@te", story.TitleSpan?.End), ("@body", story.Text),
                ("@paragraphs", JsonSerializer.Serialize(story.Paragraphs.Select(p => new[] { p.Start, p.End }))),
                ("@start", story.Start), ("@end", story.End), ("@published", story.Published?.ToString()), ("@relevant", story.Relevant ? 1 : 0),
                ("@sort", story.Published is { Precision: DatePrecision.Day } day ? day.ToString() : ingestedAt.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            var claimOrdinal = 0;
            foreach (var claim in story.Claims)
            {
                claimOrdinal++;
                var claimId = Convert.ToInt64(session.Scalar("""
                    INSERT INTO claims (story_id, ordinal, type, stance, evidence, start_offset, end_offset, source, via, claim_date,
                                        quantity_min, quantity_max, quantity_approx, quantity_unit, confidence, date_from, date_to)
                    VALUES (@story, @ordinal, @type, @stance, @evidence, @start, @end, @source, @via, @date, @qmin, @qmax, @qapprox, @qunit, @confidence, @from, @to)
                    RETURNING id
                    """,
                    ("@story", story.Id), ("@ordinal", claimOrdinal), ("@type", claim.Type), ("@stance", DomainNames.StanceName(claim.Stance)),
                    ("@evidence", claim.Evidence), ("@start", claim.Span.Start), ("@end", claim.Span.End), ("@source", claim.Source),
                    ("@via", JsonSerializer.Serialize(claim.Via)), ("@date", claim.Date?.ToString()),
                    ("@qmin", claim.Quantity?.Min), ("@qmax", claim.Quantity?.Max),
                    ("@qapprox", claim.Quantity is null ? null : claim.Quantity.Approx ? 1 : 0), ("@qunit", claim.Quantity?.Unit),
                    ("@confidence", claim.Confidence), ("@from", DatePeriod.Start(claim.Date ?? story.Published)), ("@to", DatePeriod.End(claim.Date ?? story.Published))),
                    CultureInfo.InvariantCulture);
                newClaims.Add(new NewClaim(claimId, story.Id, claim));
                var placeOrdinal = 0;
                foreach (var place in claim.Places)
                {
                    placeOrdinal++;
                    session.Execute("""
                        INSERT INTO claim_places (claim_id, ordinal, name, code, country, lat, lon, kind, claim_type)
                        VALUES (@claim, @ordinal, @name, @code, @country, @lat, @lon, @kind, @type)
                        """,
                        ("@claim", claimId), ("@ordinal", placeOrdinal), ("@name", place.Name), ("@code", place.Code),
                        ("@country", place.Country), ("@lat", place.Lat), ("@lon", place.Lon), ("@kind", place.Kind), ("@type", claim.Type));
                }
            }
        }
        linker.Link(new SqlEventLinks(session), document, documentId, newClaims, ingestedAt);
        return new SaveResult(SaveStatus.Added, documentId, nextVersion);
    }
}
