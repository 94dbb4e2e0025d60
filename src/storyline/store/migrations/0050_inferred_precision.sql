-- How finely an undated article's inferred bounds are known (resolve/times.py): 'day', 'month' or
-- 'year'. A bound from "formed in 1979", which it tells as past, is the year 1979, not 1 January
-- 1979, and reads "in or after 1979". NULL (rows written before this column) reads as 'day'.
-- Rebuilt with resolved_times.
ALTER TABLE inferred_dates ADD COLUMN earliest_precision TEXT;
ALTER TABLE inferred_dates ADD COLUMN latest_precision TEXT;
