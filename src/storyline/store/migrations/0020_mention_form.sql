-- What a mention is: a name ("Jane Doe", "Doe"), a pronoun ("she", "its", "who") or a
-- description ("the company") that analyse/coreference.py tied to a name of the same article.
-- Mentions stored before this migration are all names.
ALTER TABLE mentions ADD COLUMN form TEXT NOT NULL DEFAULT 'name';
