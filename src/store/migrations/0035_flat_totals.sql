-- 0035: exact list totals that cost the same at any size (issue 15 item
-- 2; svc/sharing/ind_unions.h, docs/internals/LISTS.md "Totals").
--
-- The indicator list: a reader sees a value when its keys meet the
-- union of the keys of the value's sightings' markings. ind_unions keeps
-- that union per value (only "*" or "m" once a CLEAR or GREEN sighting
-- makes it readable by everyone or every member); ind_union_counts
-- counts the values per class and per combination of at most one user,
-- one organisation and one state key of their union, so a reader's
-- total is a sum of at most 17 counts (ind_unions.c). Kept by
-- ccs_ind_unions_add as sightings are stored (sightings are never
-- changed or deleted), rebuilt with ind_reads.
--
-- The state queue: reader_set_counts gains kinds "queue <state> <open|
-- done> <tlp>" and "queue * <open|done> <tlp>" (every state), kept by
-- the triggers below, so the queue's total and "restricted" count are
-- sums over reader sets instead of a COUNT over the state's queue.
--
-- All derived: backups leave the two tables out; the meta row makes the
-- first open rebuild the reader sets and their counts (the queue's
-- among them), then ind_reads and the unions.
CREATE TABLE ind_unions (
	value_id	BIGINT PRIMARY KEY,
	keys		TEXT NOT NULL		-- sorted, space-separated
);

CREATE TABLE ind_union_counts (
	tuple		TEXT PRIMARY KEY,
	n		BIGINT NOT NULL
);

--sqlite: CREATE TRIGGER state_queue_sets_ai AFTER INSERT ON state_queue
--sqlite:     BEGIN
--sqlite:     INSERT INTO reader_set_counts (kind, set_id, n)
--sqlite:     SELECT 'queue ' || st.c || CASE WHEN new.done_at IS NULL
--sqlite:         THEN ' open ' ELSE ' done ' END || m.tlp, m.reader_set, 1
--sqlite:     FROM markings m, (SELECT new.state_code AS c UNION ALL
--sqlite:         SELECT '*') st
--sqlite:     WHERE m.id = new.marking_id AND m.reader_set IS NOT NULL
--sqlite:     ON CONFLICT (kind, set_id) DO UPDATE SET n = n + 1; END;
--sqlite: CREATE TRIGGER state_queue_sets_ad AFTER DELETE ON state_queue
--sqlite:     BEGIN
--sqlite:     UPDATE reader_set_counts SET n = n - 1
--sqlite:     WHERE set_id = (SELECT m.reader_set FROM markings m
--sqlite:         WHERE m.id = old.marking_id)
--sqlite:     AND kind IN (SELECT 'queue ' || st.c || CASE WHEN
--sqlite:         old.done_at IS NULL THEN ' open ' ELSE ' done ' END ||
--sqlite:         m.tlp FROM markings m, (SELECT old.state_code AS c
--sqlite:         UNION ALL SELECT '*') st WHERE m.id = old.marking_id);
--sqlite:     END;
--sqlite: CREATE TRIGGER state_queue_sets_au AFTER UPDATE OF done_at,
--sqlite:     marking_id, state_code ON state_queue BEGIN
--sqlite:     UPDATE reader_set_counts SET n = n - 1
--sqlite:     WHERE set_id = (SELECT m.reader_set FROM markings m
--sqlite:         WHERE m.id = old.marking_id)
--sqlite:     AND kind IN (SELECT 'queue ' || st.c || CASE WHEN
--sqlite:         old.done_at IS NULL THEN ' open ' ELSE ' done ' END ||
--sqlite:         m.tlp FROM markings m, (SELECT old.state_code AS c
--sqlite:         UNION ALL SELECT '*') st WHERE m.id = old.marking_id);
--sqlite:     INSERT INTO reader_set_counts (kind, set_id, n)
--sqlite:     SELECT 'queue ' || st.c || CASE WHEN new.done_at IS NULL
--sqlite:         THEN ' open ' ELSE ' done ' END || m.tlp, m.reader_set, 1
--sqlite:     FROM markings m, (SELECT new.state_code AS c UNION ALL
--sqlite:         SELECT '*') st
--sqlite:     WHERE m.id = new.marking_id AND m.reader_set IS NOT NULL
--sqlite:     ON CONFLICT (kind, set_id) DO UPDATE SET n = n + 1; END;
--postgres: CREATE FUNCTION queue_set_count() RETURNS trigger
--postgres:     LANGUAGE plpgsql AS $$ BEGIN
--postgres:     IF TG_OP IN ('DELETE', 'UPDATE') THEN
--postgres:     UPDATE reader_set_counts c SET n = c.n - 1 FROM markings m
--postgres:     WHERE m.id = OLD.marking_id AND c.set_id = m.reader_set
--postgres:     AND c.kind IN ('queue ' || OLD.state_code || CASE WHEN
--postgres:         OLD.done_at IS NULL THEN ' open ' ELSE ' done ' END ||
--postgres:         m.tlp, 'queue * ' || CASE WHEN OLD.done_at IS NULL
--postgres:         THEN 'open ' ELSE 'done ' END || m.tlp); END IF;
--postgres:     IF TG_OP IN ('INSERT', 'UPDATE') THEN
--postgres:     INSERT INTO reader_set_counts (kind, set_id, n)
--postgres:     SELECT 'queue ' || st.c || CASE WHEN NEW.done_at IS NULL
--postgres:         THEN ' open ' ELSE ' done ' END || m.tlp, m.reader_set, 1
--postgres:     FROM markings m CROSS JOIN (VALUES (NEW.state_code),
--postgres:         ('*')) st(c)
--postgres:     WHERE m.id = NEW.marking_id AND m.reader_set IS NOT NULL
--postgres:     ON CONFLICT (kind, set_id) DO UPDATE
--postgres:     SET n = reader_set_counts.n + 1; END IF;
--postgres:     RETURN NULL; END; $$;
--postgres: CREATE TRIGGER state_queue_sets AFTER INSERT OR DELETE
--postgres:     OR UPDATE OF done_at, marking_id, state_code ON state_queue
--postgres:     FOR EACH ROW EXECUTE FUNCTION queue_set_count();

INSERT INTO meta (k, v) VALUES ('markings.reader_sets', 'pending')
    ON CONFLICT (k) DO UPDATE SET v = 'pending';
