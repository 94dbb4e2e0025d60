-- Review by hand (`storyline review`, the web UI's review buttons): every decision with who made
-- it, when and why, kept apart from what the machine derives, so that re-ingest and re-judging,
-- which rebuild the derived tables, replay the decisions instead of losing them (review/).
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    target TEXT NOT NULL CHECK (target IN ('claim', 'contradiction', 'corroboration', 'entity', 'article')),
    target_key TEXT NOT NULL,   -- stable: claim id; contradiction key; cluster key (claim:N, its first claim);
                                -- entity id (kept across rebuilds, see entity_ids); article id
    action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'reopen', 'edit', 'retype', 'rename',
                                           'star', 'unstar', 'tag', 'untag', 'note')),
    payload TEXT NOT NULL DEFAULT '{}',   -- JSON: the edit ({"polarity": "negative"}), the type, the tag ...
    note TEXT,                            -- why, in the reviewer's words
    who TEXT NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX decisions_target ON decisions(target, target_key);

-- Every entity id ever given out. Entities are rebuilt after each ingest and merge; an entity keeps
-- the id whose mentions it holds most of, ids are never given twice, and an id whose entity was
-- merged into another leads there (redirect), so a link to /entities/ID keeps its meaning.
CREATE TABLE entity_ids (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,          -- the entity's name when the id was given
    redirect INTEGER,            -- the id it leads to now; NULL while it names an entity of its own
    machine TEXT,                -- JSON {name, type} as resolution made it, when a reviewer renamed or retyped it
    given_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- 1: the judge found it at the last judging; 0: kept only because a reviewer decided on it.
ALTER TABLE contradictions ADD COLUMN found INTEGER NOT NULL DEFAULT 1;
