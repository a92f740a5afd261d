-- 0033: the candidate duplicates list under the list contract (issue 11
-- item 2; svc/capacity/dup_list.c).
--
-- A candidate pair has no integer id, so the list's keyset tie-breaker
-- is a_id * 4294967296 + b_id (initiative ids stay far below 2^31: the
-- value is unique and fits in 63 bits). The default order, score then
-- that id, both descending (or both ascending for order=asc), is this
-- index read from the cursor: a page deep in 400,000 pairs costs what
-- the first page does. The expression is the same text as the list's.
CREATE INDEX initiative_dup_candidates_pair ON
    initiative_dup_candidates(score, (a_id * 4294967296 + b_id));
