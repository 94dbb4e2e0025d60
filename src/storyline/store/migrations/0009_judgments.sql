-- What the judge stage (judge/run.py) decided at the end of the last ingest: claim clusters with
-- their corroboration, and contradictions with their evidence. Rebuilt together in one transaction
-- after every ingest and read by Story, so every view shows the same stored judgments and none is
-- computed on a query. A finding keeps its id while its key (what it is about) stays the same.
CREATE TABLE claim_clusters (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,          -- the cluster's first claim: its id stays while that claim leads it
    proposition TEXT NOT NULL,
    corroborated INTEGER NOT NULL,
    contradicted INTEGER NOT NULL,
    independent_sources INTEGER NOT NULL,
    data TEXT NOT NULL                 -- JSON: the rest of the cluster, as Story.clusters() gives it
);

CREATE TABLE claim_cluster_members (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL REFERENCES claim_clusters(id) ON DELETE CASCADE
);
CREATE INDEX claim_cluster_members_cluster ON claim_cluster_members(cluster_id);

CREATE TABLE contradictions (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,          -- kind and members: the same finding keeps its id across ingests
    kind TEXT NOT NULL,
    explanation TEXT NOT NULL,
    score REAL,                        -- how sure the rule or model is, 0-1 (NULL: a rule that gives none)
    decided_by TEXT NOT NULL,          -- the rule or model that decided, e.g. "rule:polarity"
    evidence TEXT NOT NULL DEFAULT '[]'  -- JSON: [{side, doc, start, end, text}] of both sides
);

CREATE TABLE contradiction_members (
    contradiction_id INTEGER NOT NULL REFERENCES contradictions(id) ON DELETE CASCADE,
    claim_id INTEGER REFERENCES claims(id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,
    side INTEGER NOT NULL,             -- 0 and 1: the two accounts set against each other
    CHECK ((claim_id IS NULL) != (event_id IS NULL))
);
CREATE INDEX contradiction_members_contradiction ON contradiction_members(contradiction_id);
CREATE INDEX contradiction_members_claim ON contradiction_members(claim_id);
