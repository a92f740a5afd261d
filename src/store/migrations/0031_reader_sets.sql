-- 0031: reader sets (issue 15 item 1; core/tlp_keys.h,
-- svc/sharing/reader_sets.h, docs/internals/POLICY.md "Reader keys").
--
-- Replaces 0029's rows per marking and key. Markings that grant reading
-- to the same keys share one reader set: thousands of sets for millions
-- of markings. A list keeps the rows a reader may read with
-- "m.reader_set IN (sets holding one of the reader's keys)", and counts
-- them from reader_set_counts without reading them.
--
-- All derived from the markings: backups leave the three tables out,
-- and restore rebuilds them and every markings.reader_set (no foreign
-- key for that reason). The meta row asks the first open after this
-- migration to compute them for the markings already stored.
DROP TABLE marking_readers;
DELETE FROM meta WHERE k = 'markings.readers';

CREATE TABLE reader_sets (
	id		{{id}},
	digest		TEXT NOT NULL UNIQUE,	-- SHA-256 of keys
	keys		TEXT NOT NULL		-- sorted, space-separated
);

CREATE TABLE reader_set_keys (
	reader		TEXT NOT NULL,
	set_id		BIGINT NOT NULL REFERENCES reader_sets(id),
	PRIMARY KEY (reader, set_id)
);

ALTER TABLE markings ADD COLUMN reader_set BIGINT;

-- Records per kind and reader set, kept by the triggers below on the
-- tables whose lists report a total without filters.
CREATE TABLE reader_set_counts (
	kind		TEXT NOT NULL,
	set_id		BIGINT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (kind, set_id)
);

--sqlite: CREATE TRIGGER incidents_sets_ai AFTER INSERT ON incidents BEGIN
--sqlite:     INSERT INTO reader_set_counts (kind, set_id, n)
--sqlite:     SELECT 'incident', m.reader_set, 1 FROM markings m
--sqlite:     WHERE m.id = new.marking_id AND m.reader_set IS NOT NULL
--sqlite:     ON CONFLICT (kind, set_id) DO UPDATE SET n = n + 1; END;
--sqlite: CREATE TRIGGER incidents_sets_ad AFTER DELETE ON incidents BEGIN
--sqlite:     UPDATE reader_set_counts SET n = n - 1
--sqlite:     WHERE kind = 'incident' AND set_id = (SELECT m.reader_set
--sqlite:     FROM markings m WHERE m.id = old.marking_id); END;
--sqlite: CREATE TRIGGER incidents_sets_au AFTER UPDATE OF marking_id
--sqlite:     ON incidents BEGIN
--sqlite:     UPDATE reader_set_counts SET n = n - 1
--sqlite:     WHERE kind = 'incident' AND set_id = (SELECT m.reader_set
--sqlite:     FROM markings m WHERE m.id = old.marking_id);
--sqlite:     INSERT INTO reader_set_counts (kind, set_id, n)
--sqlite:     SELECT 'incident', m.reader_set, 1 FROM markings m
--sqlite:     WHERE m.id = new.marking_id AND m.reader_set IS NOT NULL
--sqlite:     ON CONFLICT (kind, set_id) DO UPDATE SET n = n + 1; END;
--postgres: CREATE FUNCTION reader_set_count() RETURNS trigger
--postgres:     LANGUAGE plpgsql AS $$ BEGIN
--postgres:     IF TG_OP IN ('DELETE', 'UPDATE') THEN
--postgres:     UPDATE reader_set_counts SET n = n - 1
--postgres:     WHERE kind = TG_ARGV[0] AND set_id = (SELECT m.reader_set
--postgres:     FROM markings m WHERE m.id = OLD.marking_id); END IF;
--postgres:     IF TG_OP IN ('INSERT', 'UPDATE') THEN
--postgres:     INSERT INTO reader_set_counts (kind, set_id, n)
--postgres:     SELECT TG_ARGV[0], m.reader_set, 1 FROM markings m
--postgres:     WHERE m.id = NEW.marking_id AND m.reader_set IS NOT NULL
--postgres:     ON CONFLICT (kind, set_id) DO UPDATE
--postgres:     SET n = reader_set_counts.n + 1; END IF;
--postgres:     RETURN NULL; END; $$;
--postgres: CREATE TRIGGER incidents_sets AFTER INSERT OR DELETE
--postgres:     OR UPDATE OF marking_id ON incidents FOR EACH ROW
--postgres:     EXECUTE FUNCTION reader_set_count('incident');
-- keyset pages of the incident list walk this index (SQLite's index on
-- reported_at already ends on the rowid)
--postgres: CREATE INDEX incidents_reported_id ON incidents(reported_at, id);

INSERT INTO meta (k, v) VALUES ('markings.reader_sets', 'pending');
