-- 0037: the indicator list's walk reads its index alone (issue 15; the
-- walk is svc/sharing/ind_list.c page_query, docs/internals/LISTS.md).
--
-- A page sorted by last (first) seen walks ind_reads in that order and
-- keeps the rows of the reader's sets: a reader of 4% of the values
-- walks about 25 rows per row shown. With (last_seen, value_id) alone
-- each walked row was a lookup of its table row for set_id, tlp and
-- state; at 10,000,000 sightings those lookups, scattered over a table
-- far larger than the cache, were most of a JM user's first page (25
-- ms, bench/results/lists-20261204T024704Z.txt). With the four columns
-- in the index the walk and the "no later readable row" check read the
-- index, and a table row is read only for the values shown. Same order,
-- same names; PostgreSQL gets index-only scans from it too.
DROP INDEX ind_reads_last;
DROP INDEX ind_reads_first;
CREATE INDEX ind_reads_last ON ind_reads(last_seen, value_id, set_id, tlp,
    state);
CREATE INDEX ind_reads_first ON ind_reads(first_seen, value_id, set_id,
    tlp, state);
