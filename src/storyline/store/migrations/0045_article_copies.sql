-- Near-duplicate articles (wire copies, syndication, revisions: judge/corroboration.py
-- near_duplicates), written by the judge stage at the end of every ingest: one row for each
-- article whose text is a copy of an earlier one, naming the first of its group. Lists collapse
-- a group into one item with "N copies". Derived data: rebuilt by every judge run.
CREATE TABLE article_copies (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    copy_of TEXT NOT NULL
);
