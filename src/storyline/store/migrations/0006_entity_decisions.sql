-- Merges and splits made by hand (`storyline entities merge|split`). Entities are rebuilt from the
-- mentions after every ingest; these decisions, kept by name, are applied again each time.
CREATE TABLE entity_decisions (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
    name TEXT NOT NULL,     -- an alias of the entity that stays
    other TEXT NOT NULL,    -- merge: an alias of the entity joining it; split: the alias that leaves
    made_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
