-- The author's view of whether each event happened (analyse/factuality.py): polarity, certainty
-- and mood ("will meet": future; "plans to vote": intended). Events stored before this migration
-- have none.
ALTER TABLE events ADD COLUMN polarity TEXT;
ALTER TABLE events ADD COLUMN certainty TEXT;
ALTER TABLE events ADD COLUMN mood TEXT;
