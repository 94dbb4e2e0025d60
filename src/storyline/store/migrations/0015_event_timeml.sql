-- TimeML's view of each event word (analyse/events.py, learned from TempEval-3): its class
-- (OCCURRENCE, REPORTING, STATE, I_ACTION, I_STATE, ASPECTUAL, PERCEPTION), tense, aspect and modal
-- verb. Events stored before this migration have none.
ALTER TABLE events ADD COLUMN event_class TEXT;
ALTER TABLE events ADD COLUMN tense TEXT;
ALTER TABLE events ADD COLUMN aspect TEXT;
ALTER TABLE events ADD COLUMN modality TEXT;
