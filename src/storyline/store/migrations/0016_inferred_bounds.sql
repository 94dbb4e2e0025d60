-- An undated article's inferred date as bounds (resolve/times.py): published is the earliest it
-- can have been written, latest the last (NULL when nothing it reports as ahead bounds it), and
-- conflict 1 when what it reports as past lies after what it reports as ahead (the two are then
-- kept as the interval, in order, and the explanation says so). Rebuilt with resolved_times.
ALTER TABLE inferred_dates ADD COLUMN latest TEXT;
ALTER TABLE inferred_dates ADD COLUMN conflict INTEGER NOT NULL DEFAULT 0;
