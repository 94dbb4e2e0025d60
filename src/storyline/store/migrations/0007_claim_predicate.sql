-- The lemma of what a claim says happened ("meet"), so that claims are compared by their predicate
-- and not only by shared words. Claims stored before this migration have none.
ALTER TABLE claims ADD COLUMN predicate TEXT;
