-- TIMEX3 mod of a worked-out time: BEFORE / AFTER when an event is placed against its anchor's day
-- without a stated distance ("shortly before the vote"). Rebuilt with resolved_times.
ALTER TABLE resolved_times ADD COLUMN mod TEXT;
