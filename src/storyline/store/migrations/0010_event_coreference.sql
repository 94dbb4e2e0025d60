-- Cross-article event coreference (resolve/event_coref.py). What the model reads of each event
-- mention and of the article is taken at analysis time (analyse/event_profiles.py), while the
-- parse is at hand, and kept here as one JSON text per article (records.profiles_json: the
-- DocumentProfile and the EventProfile of each event, by its start and end). Articles stored
-- before this migration have none, and their events stay alone.
CREATE TABLE event_profiles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    profile TEXT NOT NULL
);

-- Rebuilt at the end of every ingest: each event's cluster is the smallest event id in it.
CREATE TABLE event_clusters (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    cluster INTEGER NOT NULL
);
CREATE INDEX event_clusters_cluster ON event_clusters(cluster);

-- MiniLM vectors of event mentions (STORYLINE_EVENT_EMBEDDINGS=on), computed once: the mention's
-- words alone and read in their sentence, float16, kept while the article is.
CREATE TABLE event_vectors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (article_id, start, "end")
);
