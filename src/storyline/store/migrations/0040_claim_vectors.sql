-- MiniLM sentence vectors of claim texts (judge/meaning.py), kept so that judging after a later
-- ingest encodes only the claims it has not seen. Keyed by the sha1 of the text, so equal texts
-- share one row; float16, 384 values (768 bytes). Derived data: safe to delete, it is rebuilt.
CREATE TABLE claim_vectors (
    key TEXT PRIMARY KEY,
    vector BLOB NOT NULL
);
