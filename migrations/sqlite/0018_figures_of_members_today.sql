-- The yearly figures now count the commitments of the members of today
-- only (probationary, full, exempt), like the member counts they are set
-- against: a member who left takes theirs out. Emptied here so that the
-- start counts them afresh by the new rule (store::org's refresh).
DELETE FROM unit_year_figures;
