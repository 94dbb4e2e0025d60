-- What each article is about, as cross-article event resolution groups them (resolve/event_coref.py,
-- `document_topics`: average link over the tf-idf cosines of their content words). Rebuilt at the
-- end of every ingest. Judging joins claims into one proposition only inside one topic, so that a
-- store of many stories does not corroborate a claim of one with a claim of another. An article
-- with no row (stored before this migration, or with no event profile) is in every topic.
CREATE TABLE article_topics (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    topic INTEGER NOT NULL
);
