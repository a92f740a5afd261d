-- The plain SQL of duplicate candidates (docs/internals/CAPACITY.md,
-- "Duplicate candidates"): the undecided pairs (a < b) of live
-- initiatives (not cancelled, not merged) that share a topic (a need or
-- a standard), overlap in dates (effective dates; a missing start is
-- open to the past, a missing end to the future) and share a place (a
-- state, or both regional). The third topic, similar text (Jaccard of
-- word sets >= 0.25), is not SQL: bench/capacity_dup.sh checks those
-- candidates apart. The two topics are two branches with the same
-- conditions, so that neither list of topic pairs is stored before it
-- is filtered. Runs as is on SQLite and PostgreSQL.
SELECT x.initiative_id AS a, y.initiative_id AS b
FROM initiative_needs x
JOIN initiative_needs y
    ON y.need_ref = x.need_ref AND y.initiative_id > x.initiative_id
JOIN initiatives la ON la.id = x.initiative_id
JOIN initiatives lb ON lb.id = y.initiative_id
WHERE la.status <> 5 AND la.merged_into IS NULL
  AND lb.status <> 5 AND lb.merged_into IS NULL
  AND (COALESCE(la.actual_start, la.planned_start) IS NULL
	OR COALESCE(lb.actual_end, lb.planned_end) IS NULL
	OR COALESCE(la.actual_start, la.planned_start)
	    <= COALESCE(lb.actual_end, lb.planned_end))
  AND (COALESCE(lb.actual_start, lb.planned_start) IS NULL
	OR COALESCE(la.actual_end, la.planned_end) IS NULL
	OR COALESCE(lb.actual_start, lb.planned_start)
	    <= COALESCE(la.actual_end, la.planned_end))
  AND (EXISTS (SELECT 1 FROM initiative_states p JOIN initiative_states q
	    ON q.initiative_id = lb.id AND q.state_code = p.state_code
	    WHERE p.initiative_id = la.id)
	OR (EXISTS (SELECT 1 FROM initiative_states r
	    WHERE r.initiative_id = la.id AND r.state_code IS NULL)
	  AND EXISTS (SELECT 1 FROM initiative_states r
	    WHERE r.initiative_id = lb.id AND r.state_code IS NULL)))
  AND NOT EXISTS (SELECT 1 FROM duplicate_decisions d
	WHERE d.a_id = la.id AND d.b_id = lb.id)
UNION
SELECT x.initiative_id AS a, y.initiative_id AS b
FROM initiative_standards x
JOIN initiative_standards y
    ON y.lineage_id = x.lineage_id AND y.initiative_id > x.initiative_id
JOIN initiatives la ON la.id = x.initiative_id
JOIN initiatives lb ON lb.id = y.initiative_id
WHERE la.status <> 5 AND la.merged_into IS NULL
  AND lb.status <> 5 AND lb.merged_into IS NULL
  AND (COALESCE(la.actual_start, la.planned_start) IS NULL
	OR COALESCE(lb.actual_end, lb.planned_end) IS NULL
	OR COALESCE(la.actual_start, la.planned_start)
	    <= COALESCE(lb.actual_end, lb.planned_end))
  AND (COALESCE(lb.actual_start, lb.planned_start) IS NULL
	OR COALESCE(la.actual_end, la.planned_end) IS NULL
	OR COALESCE(lb.actual_start, lb.planned_start)
	    <= COALESCE(la.actual_end, la.planned_end))
  AND (EXISTS (SELECT 1 FROM initiative_states p JOIN initiative_states q
	    ON q.initiative_id = lb.id AND q.state_code = p.state_code
	    WHERE p.initiative_id = la.id)
	OR (EXISTS (SELECT 1 FROM initiative_states r
	    WHERE r.initiative_id = la.id AND r.state_code IS NULL)
	  AND EXISTS (SELECT 1 FROM initiative_states r
	    WHERE r.initiative_id = lb.id AND r.state_code IS NULL)))
  AND NOT EXISTS (SELECT 1 FROM duplicate_decisions d
	WHERE d.a_id = la.id AND d.b_id = lb.id)
ORDER BY 1, 2;
