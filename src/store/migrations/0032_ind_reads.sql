-- 0032: what each reader set may read of each indicator value (issue 15
-- item 1; svc/sharing/ind_reads.c, docs/internals/LISTS.md).
--
-- One row per (value, reader set of the sighting's marking, TLP of that
-- marking, sighting state ('' for none)) with the number of sightings and
-- their first and last seen_at. The indicator list keeps the rows whose
-- set the reader may read (reader_set_keys) and walks them in the order
-- of the list, so a page costs the same at the top and deep down, and at
-- ten sightings as at ten million. The TLP and state stay in the key:
-- the list shows the markings and states of readable sightings only, and
-- counts as "restricted" the sightings of unreadable non-RED markings.
--
-- Derived from sightings and markings.reader_set: a trigger adds each
-- sighting as it is stored (sightings are never changed or deleted);
-- restore and the first open after this migration rebuild it after the
-- reader sets (the meta row indicators.reads).
CREATE TABLE ind_reads (
	value_id	BIGINT NOT NULL,
	set_id		BIGINT NOT NULL,
	tlp		TEXT NOT NULL,
	state		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	first_seen	BIGINT NOT NULL,
	last_seen	BIGINT NOT NULL,
	PRIMARY KEY (value_id, set_id, tlp, state)
);
CREATE INDEX ind_reads_last ON ind_reads(last_seen, value_id);
CREATE INDEX ind_reads_first ON ind_reads(first_seen, value_id);
CREATE INDEX ind_reads_set ON ind_reads(set_id, value_id);
CREATE INDEX ind_values_value ON ind_values(value, id);
CREATE INDEX ind_values_type ON ind_values(type, id);

--sqlite: CREATE TRIGGER ind_reads_ai AFTER INSERT ON sightings BEGIN
--sqlite:     INSERT INTO ind_reads (value_id, set_id, tlp, state, n,
--sqlite:         first_seen, last_seen)
--sqlite:     SELECT new.value_id, m.reader_set, m.tlp,
--sqlite:         COALESCE(new.state_code, ''), 1, new.seen_at, new.seen_at
--sqlite:     FROM markings m WHERE m.id = new.marking_id
--sqlite:         AND m.reader_set IS NOT NULL
--sqlite:     ON CONFLICT (value_id, set_id, tlp, state) DO UPDATE SET
--sqlite:         n = n + 1,
--sqlite:         first_seen = min(first_seen, excluded.first_seen),
--sqlite:         last_seen = max(last_seen, excluded.last_seen); END;
--postgres: CREATE FUNCTION ind_reads_add() RETURNS trigger
--postgres:     LANGUAGE plpgsql AS $$ BEGIN
--postgres:     INSERT INTO ind_reads (value_id, set_id, tlp, state, n,
--postgres:         first_seen, last_seen)
--postgres:     SELECT NEW.value_id, m.reader_set, m.tlp,
--postgres:         COALESCE(NEW.state_code, ''), 1, NEW.seen_at, NEW.seen_at
--postgres:     FROM markings m WHERE m.id = NEW.marking_id
--postgres:         AND m.reader_set IS NOT NULL
--postgres:     ON CONFLICT (value_id, set_id, tlp, state) DO UPDATE SET
--postgres:         n = ind_reads.n + 1,
--postgres:         first_seen = LEAST(ind_reads.first_seen,
--postgres:             EXCLUDED.first_seen),
--postgres:         last_seen = GREATEST(ind_reads.last_seen,
--postgres:             EXCLUDED.last_seen);
--postgres:     RETURN NULL; END; $$;
--postgres: CREATE TRIGGER ind_reads_ai AFTER INSERT ON sightings
--postgres:     FOR EACH ROW EXECUTE FUNCTION ind_reads_add();

INSERT INTO meta (k, v) VALUES ('indicators.reads', 'pending');
