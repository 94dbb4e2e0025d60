-- The language each article is written in (ISO 639 code, read/language.py; NULL: too short to
-- tell, or stored before this migration). An article in another language than English is stored
-- but not analysed: it has no mentions, events or claims.
ALTER TABLE articles ADD COLUMN language TEXT;
-- Where each page of a PDF, or each paragraph of a DOCX file, begins in the text (a JSON list of
-- character offsets; NULL for other formats).
ALTER TABLE articles ADD COLUMN parts TEXT;
