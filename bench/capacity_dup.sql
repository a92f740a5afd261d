-- The plain SQL of duplicate candidates (docs/internals/CAPACITY.md,
-- "Duplicate candidates"): the undecided pairs (a < b) of live
-- initiatives (not cancelled, not merged) that share a place (a state,
-- or both regional), overlap in dates (a missing start is open to the
-- past, a missing end to the future) and share a need or a standard.
-- The third topic, similar text (Jaccard of word sets >= 0.25), is not
-- SQL: bench/capacity_dup.sh checks those candidates apart. Runs as is
-- on SQLite and PostgreSQL.
WITH live AS (
	SELECT id, COALESCE(actual_start, planned_start) AS s,
	    COALESCE(actual_end, planned_end) AS e
	FROM initiatives WHERE status <> 5 AND merged_into IS NULL
), topic AS (
	SELECT x.initiative_id AS a, y.initiative_id AS b
	FROM initiative_needs x JOIN initiative_needs y
	    ON y.need_ref = x.need_ref AND y.initiative_id > x.initiative_id
	UNION
	SELECT x.initiative_id, y.initiative_id
	FROM initiative_standards x JOIN initiative_standards y
	    ON y.lineage_id = x.lineage_id AND y.initiative_id > x.initiative_id
)
SELECT t.a, t.b FROM topic t
JOIN live la ON la.id = t.a
JOIN live lb ON lb.id = t.b
WHERE (la.s IS NULL OR lb.e IS NULL OR la.s <= lb.e)
  AND (lb.s IS NULL OR la.e IS NULL OR lb.s <= la.e)
  AND (EXISTS (SELECT 1 FROM initiative_states x JOIN initiative_states y
	    ON y.initiative_id = t.b AND y.state_code = x.state_code
	    WHERE x.initiative_id = t.a)
	OR (EXISTS (SELECT 1 FROM initiative_states r
	    WHERE r.initiative_id = t.a AND r.state_code IS NULL)
	  AND EXISTS (SELECT 1 FROM initiative_states r
	    WHERE r.initiative_id = t.b AND r.state_code IS NULL)))
  AND NOT EXISTS (SELECT 1 FROM duplicate_decisions d
	WHERE d.a_id = t.a AND d.b_id = t.b)
ORDER BY t.a, t.b;
