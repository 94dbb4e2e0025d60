-- Whether a claim's content states something that can be true or false (a clause with a verb), or
-- only names a thing ("promised a thorough investigation", "The reports were not confirmed"): only
-- the first corroborates. Claims stored before this migration have NULL, read as stating.
ALTER TABLE claims ADD COLUMN states INTEGER;
