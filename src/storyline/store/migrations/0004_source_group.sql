-- The group an anonymous source is part of ("two of those diplomats" -> "five current and former
-- diplomats"), as the text links them. Rows stored before this migration have none.
ALTER TABLE claims ADD COLUMN source_group TEXT;
