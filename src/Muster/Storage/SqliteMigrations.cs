namespace Muster.Storage;

/// <summary>
/// The schema, as numbered migrations applied in order. The SQL stays plain and portable (no SQLite-only
/// types), so a PostgreSQL backend can run the same statements with its own id columns.
/// </summary>
internal static class SqliteMigrations
{
    public static readonly (int Version, string Sql)[] All =
    [
        (1, """
            CREATE TABLE documents (
                id INTEGER PRIMARY KEY,
                sha256 TEXT NOT NULL UNIQUE,
                source TEXT NOT NULL,
                version INTEGER NOT NULL,
                outlet TEXT,
                language TEXT,
                encoding TEXT NOT NULL,
                byte_length INTEGER NOT NULL,
                ingested_at TEXT NOT NULL,
                text TEXT NOT NULL,
                UNIQUE (source, version)
            );
            CREATE TABLE stories (
                id TEXT PRIMARY KEY,
                document_id INTEGER NOT NULL REFERENCES documents(id),
                ordinal INTEGER NOT NULL,
                role TEXT NOT NULL,
                title TEXT,
                title_start INTEGER,
                title_end INTEGER,
                body TEXT NOT NULL,
                paragraphs TEXT NOT NULL,
                start_offset INTEGER NOT NULL,
                end_offset INTEGER NOT NULL,
                published TEXT,
                relevant INTEGER NOT NULL
            );
            CREATE INDEX ix_stories_document ON stories(document_id);
            CREATE INDEX ix_stories_relevant ON stories(relevant);
            """),
        (2, """
            CREATE TABLE claims (
                id INTEGER PRIMARY KEY,
                story_id TEXT NOT NULL REFERENCES stories(id),
                ordinal INTEGER NOT NULL,
                type TEXT NOT NULL,
                stance TEXT NOT NULL,
                evidence TEXT NOT NULL,
                start_offset INTEGER NOT NULL,
                end_offset INTEGER NOT NULL,
                source TEXT,
                via TEXT NOT NULL,
                claim_date TEXT,
                quantity_min REAL,
                quantity_max REAL,
                quantity_approx INTEGER,
                quantity_unit TEXT,
                confidence REAL NOT NULL
            );
            CREATE INDEX ix_claims_story ON claims(story_id);
            CREATE INDEX ix_claims_type ON claims(type);
            CREATE TABLE claim_places (
                claim_id INTEGER NOT NULL REFERENCES claims(id),
                ordinal INTEGER NOT NULL,
                name TEXT NOT NULL,
                code TEXT,
                country TEXT,
                lat REAL,
                lon REAL,
                kind TEXT NOT NULL
            );
            CREATE INDEX ix_claim_places_claim ON claim_places(claim_id);
            CREATE INDEX ix_claim_places_code ON claim_places(code);
            """),
        // Full-text search over titles and bodies (SQLite FTS5, external content: the text is stored once).
        // Stories are never updated in place: a changed page is a new document version.
        (3, """
            CREATE VIRTUAL TABLE story_search USING fts5(title, body, content='stories', content_rowid='rowid');
            INSERT INTO story_search(story_search) VALUES ('rebuild');
            CREATE TRIGGER stories_search_insert AFTER INSERT ON stories BEGIN
                INSERT INTO story_search(rowid, title, body) VALUES (new.rowid, new.title, new.body);
            END;
            CREATE TRIGGER stories_search_delete AFTER DELETE ON stories BEGIN
                INSERT INTO story_search(story_search, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
            END;
            CREATE INDEX ix_claims_date ON claims(claim_date);
            CREATE INDEX ix_claim_places_country ON claim_places(country);
            """),
        // The feed lists stories newest first: the stated publication day, else the ingest day, indexed.
        (4, """
            ALTER TABLE stories ADD COLUMN sort_date TEXT;
            UPDATE stories SET sort_date = COALESCE(
                CASE WHEN length(published) = 10 AND substr(published, 1, 1) <> '-' THEN published END,
                (SELECT substr(d.ingested_at, 1, 10) FROM documents d WHERE d.id = stories.document_id));
            CREATE INDEX ix_stories_relevant_sort ON stories(relevant, sort_date);
            CREATE INDEX ix_stories_sort ON stories(sort_date);
            """),
        // Date filters compare the period a claim's date covers ("2023-08" covers 2023-08-01..31), kept in two
        // indexed columns; the claim's own date, else its story's. Full-text search over evidence and sources.
        (5, """
            ALTER TABLE claims ADD COLUMN date_from TEXT;
            ALTER TABLE claims ADD COLUMN date_to TEXT;
            UPDATE claims SET
                date_from = CASE WHEN x.e IS NULL OR substr(x.e, 1, 1) = '-' THEN NULL WHEN length(x.e) = 10 THEN x.e
                                 WHEN length(x.e) = 7 THEN x.e || '-01' ELSE x.e || '-01-01' END,
                date_to = CASE WHEN x.e IS NULL OR substr(x.e, 1, 1) = '-' THEN NULL WHEN length(x.e) = 10 THEN x.e
                               WHEN length(x.e) = 7 THEN x.e || '-31' ELSE x.e || '-12-31' END
            FROM (SELECT c2.id AS cid, COALESCE(c2.claim_date, s.published) AS e FROM claims c2 JOIN stories s ON s.id = c2.story_id) AS x
            WHERE x.cid = claims.id;
            CREATE INDEX ix_claims_date_from ON claims(date_from);
            CREATE INDEX ix_claims_date_to ON claims(date_to);
            CREATE VIRTUAL TABLE claim_search USING fts5(evidence, source, via, content='claims', content_rowid='id');
            INSERT INTO claim_search(claim_search) VALUES ('rebuild');
            CREATE TRIGGER claims_search_insert AFTER INSERT ON claims BEGIN
                INSERT INTO claim_search(rowid, evidence, source, via) VALUES (new.id, new.evidence, new.source, new.via);
            END;
            CREATE TRIGGER claims_search_delete AFTER DELETE ON claims BEGIN
                INSERT INTO claim_search(claim_search, rowid, evidence, source, via) VALUES ('delete', old.id, old.evidence, old.source, old.via);
            END;
            """),
        // Near-duplicate story clusters (MinHash signatures, LSH bands), events of claims, and the changes that
        // let last week's export be reconciled with today's.
        (6, """
            CREATE TABLE clusters (id TEXT PRIMARY KEY);
            CREATE TABLE story_signatures (
                story_id TEXT PRIMARY KEY REFERENCES stories(id),
                text_hash TEXT NOT NULL,
                minhash BLOB,
                cluster_id TEXT NOT NULL REFERENCES clusters(id)
            );
            CREATE INDEX ix_signatures_hash ON story_signatures(text_hash);
            CREATE INDEX ix_signatures_cluster ON story_signatures(cluster_id);
            CREATE TABLE story_bands (band INTEGER NOT NULL, bucket INTEGER NOT NULL, story_id TEXT NOT NULL);
            CREATE INDEX ix_story_bands ON story_bands(band, bucket);
            CREATE TABLE events (
                id TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                claims INTEGER NOT NULL,
                sources INTEGER NOT NULL,
                outlets INTEGER NOT NULL,
                first_reported TEXT,
                last_reported TEXT,
                conflict INTEGER NOT NULL,
                dirty INTEGER NOT NULL DEFAULT 1
            );
            CREATE INDEX ix_events_sources ON events(sources);
            CREATE INDEX ix_events_dirty ON events(dirty);
            CREATE TABLE event_claims (event_id TEXT NOT NULL REFERENCES events(id), claim_id INTEGER NOT NULL UNIQUE REFERENCES claims(id));
            CREATE TABLE cluster_claims (
                cluster_id TEXT NOT NULL, type TEXT NOT NULL, evidence TEXT NOT NULL, event_id TEXT NOT NULL,
                UNIQUE (cluster_id, type, evidence)
            );
            CREATE INDEX ix_event_claims_event ON event_claims(event_id);
            CREATE INDEX ix_claim_places_code_claim ON claim_places(code, claim_id);
            CREATE TABLE record_changes (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                subject TEXT NOT NULL,
                target TEXT,
                document_id INTEGER,
                at TEXT NOT NULL
            );
            """),
        // Pages read from HTML, feeds, Telegram exports, WARC and JSON Lines carry what their container states.
        (7, """
            ALTER TABLE documents ADD COLUMN format TEXT NOT NULL DEFAULT 'text';
            ALTER TABLE documents ADD COLUMN url TEXT;
            ALTER TABLE documents ADD COLUMN title TEXT;
            ALTER TABLE documents ADD COLUMN byline TEXT;
            ALTER TABLE documents ADD COLUMN published TEXT;
            ALTER TABLE documents ADD COLUMN via TEXT;
            """),
        // Claim lists filtered by stance, type and stance, or country walk an index, not the table.
        (8, """
            CREATE INDEX IF NOT EXISTS ix_claims_stance ON claims(stance);
            CREATE INDEX IF NOT EXISTS ix_claims_type_stance ON claims(type, stance);
            CREATE INDEX IF NOT EXISTS ix_claim_places_country_claim ON claim_places(country, claim_id);
            """),
        // Each place row carries its claim's type: "claims of this type in this region, newest first" (event
        // candidates, filtered lists) is then one index range instead of a walk through the region's claims.
        (9, """
            ALTER TABLE claim_places ADD COLUMN claim_type TEXT;
            UPDATE claim_places SET claim_type = (SELECT type FROM claims WHERE claims.id = claim_places.claim_id);
            CREATE INDEX ix_claim_places_code_type_claim ON claim_places(code, claim_type, claim_id);
            CREATE INDEX ix_claim_places_country_type_claim ON claim_places(country, claim_type, claim_id);
            """),
        // An event's first and last report are the days its stories state, never the day Muster read them: events
        // summed before are summed again.
        (10, """
            UPDATE events SET dirty = 1;
            """),
        // Search finds a word's forms: the indexes stem English (FTS5's porter tokenizer over unicode61, which also
        // folds case and diacritics in every script); Russian and Ukrainian are stemmed in the query (SearchTerms).
        (11, """
            DROP TABLE story_search;
            CREATE VIRTUAL TABLE story_search USING fts5(title, body, content='stories', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
            INSERT INTO story_search(story_search) VALUES ('rebuild');
            DROP TABLE claim_search;
            CREATE VIRTUAL TABLE claim_search USING fts5(evidence, source, via, content='claims', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
            INSERT INTO claim_search(claim_search) VALUES ('rebuild');
            """),
        // muster watch: each source's state between runs (validators, due time, failures), the items of each source
        // already handled, and robots.txt texts read, so that a run from cron neither refetches nor duplicates.
        (12, """
            CREATE TABLE watch_sources (
                url TEXT PRIMARY KEY,
                last_attempt TEXT,
                last_success TEXT,
                etag TEXT,
                last_modified TEXT,
                next_due TEXT NOT NULL,
                failures INTEGER NOT NULL DEFAULT 0,
                last_outcome TEXT
            );
            CREATE TABLE watch_items (
                source_url TEXT NOT NULL,
                item_key TEXT NOT NULL,
                document_source TEXT,
                seen_at TEXT NOT NULL,
                PRIMARY KEY (source_url, item_key)
            );
            CREATE TABLE watch_robots (origin TEXT PRIMARY KEY, body TEXT NOT NULL, fetched_at TEXT NOT NULL);
            """),
        // Saved queries and their alerts: each match is recorded once per query (a claim or an event), and each
        // channel's delivery of it is a row until it is delivered, so an alert is neither lost nor sent twice.
        (13, """
            CREATE TABLE saved_queries (
                name TEXT PRIMARY KEY,
                type TEXT,
                place TEXT,
                since TEXT,
                until TEXT,
                stance TEXT,
                source_text TEXT,
                text TEXT,
                min_sources INTEGER,
                webhook TEXT,
                jsonl TEXT,
                created_at TEXT NOT NULL
            );
            CREATE TABLE alert_matches (
                id INTEGER PRIMARY KEY,
                query_name TEXT NOT NULL,
                kind TEXT NOT NULL,
                subject TEXT NOT NULL,
                matched_at TEXT NOT NULL,
                baseline INTEGER NOT NULL,
                payload TEXT NOT NULL,
                UNIQUE (query_name, kind, subject)
            );
            CREATE INDEX ix_alert_matches_query ON alert_matches(query_name, id);
            CREATE TABLE alert_deliveries (
                id INTEGER PRIMARY KEY,
                match_id INTEGER NOT NULL REFERENCES alert_matches(id),
                channel TEXT NOT NULL,
                target TEXT,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt TEXT,
                delivered_at TEXT,
                last_error TEXT
            );
            CREATE INDEX ix_alert_deliveries_pending ON alert_deliveries(delivered_at, channel);
            """),
    ];
}
