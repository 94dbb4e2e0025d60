-- Articles and what was found in each, keyed by article id (content hash) and char offsets.
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    url TEXT,
    author TEXT,
    published TEXT,
    published_from TEXT,
    body_start INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, start)
);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    canonical TEXT NOT NULL,
    title TEXT,
    UNIQUE (article_id, start, "end")
);

CREATE TABLE timexes (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    mod TEXT,
    anchor TEXT,
    relation TEXT,
    "offset" TEXT,
    UNIQUE (article_id, start, "end")
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT NOT NULL,
    trigger TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    participants TEXT NOT NULL DEFAULT '[]',   -- JSON list of in-article canonical names
    when_value TEXT,
    when_text TEXT,
    timex_start INTEGER,
    UNIQUE (article_id, start, "end")
);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    cue TEXT NOT NULL,
    cue_start INTEGER NOT NULL,
    cue_end INTEGER NOT NULL,
    quote TEXT NOT NULL,
    source_kind TEXT,
    source_text TEXT,
    source_start INTEGER,
    source_end INTEGER,
    source_entity TEXT,        -- in-article canonical name
    source_count INTEGER,
    source_affiliation TEXT,
    source_on_behalf_of TEXT,  -- in-article canonical name
    polarity TEXT NOT NULL,
    certainty TEXT NOT NULL,
    said_on TEXT,
    UNIQUE (article_id, start, "end", cue_start)
);

-- Inputs that could not be read or analysed; one row per (path, problem).
CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    stage TEXT NOT NULL,
    problem TEXT NOT NULL,
    hint TEXT NOT NULL,
    first_seen TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    last_seen TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (path, problem)
);

-- Cross-article entities, rebuilt by the resolve stage from the mentions.
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    titles TEXT NOT NULL DEFAULT '[]',
    mentions INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE entity_mentions (
    mention_id INTEGER PRIMARY KEY REFERENCES mentions(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE
);
CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX events_article ON events(article_id);
