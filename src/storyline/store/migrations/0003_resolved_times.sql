-- Times worked out across articles (rebuilt by resolve/times.py after every ingest).
CREATE TABLE resolved_times (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    value TEXT NOT NULL,              -- TIMEX3 value
    how TEXT NOT NULL,                -- e.g. "1 day before the vote (2026-03-20, 3 articles)"
    anchor_event_id INTEGER REFERENCES events(id) ON DELETE SET NULL
);

-- A date for an article that gives none, inferred from the corpus.
CREATE TABLE inferred_dates (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    published TEXT NOT NULL,          -- YYYY-MM-DD: the earliest the article can be
    how TEXT NOT NULL
);
