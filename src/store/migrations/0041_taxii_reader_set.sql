-- 0041: a TAXII collection's walk carries the reader set (issue 15; the
-- page is svc/taxii/objects.c, docs/internals/TAXII.md).
--
-- A collection's page walks its entries in date_added order and keeps
-- the ones whose marking's reader set the reader holds, stopping after
-- the page. The set lived only on the marking, so a reader of 1% of a
-- collection looked up a hundred markings per entry shown: about 100 ms
-- a page at 1,000,000 entries (bench/README.md "TAXII: a reader of
-- 1%"). The entry now keeps a copy of its marking's set, in the walk's
-- index beside the latest flag, and a marking is read only for the
-- entries shown; the versions' subqueries read the copy too.
--
-- The copy is kept by the database as 0038 keeps the queue's: set from
-- the marking when an entry is filed or re-marked, and followed when a
-- marking's set changes (the rebuild after restore).
ALTER TABLE taxii_entries ADD COLUMN reader_set BIGINT;
UPDATE taxii_entries SET reader_set = (SELECT m.reader_set FROM markings m
    WHERE m.id = taxii_entries.marking_id);
CREATE INDEX taxii_entries_walk ON taxii_entries(collection_id,
    date_added, reader_set, latest);
CREATE INDEX taxii_entries_marking ON taxii_entries(marking_id);

--sqlite: CREATE TRIGGER taxii_entries_set_ai AFTER INSERT ON taxii_entries
--sqlite: BEGIN
--sqlite:     UPDATE taxii_entries SET reader_set = (SELECT m.reader_set
--sqlite:         FROM markings m WHERE m.id = new.marking_id)
--sqlite:     WHERE id = new.id; END;
--sqlite: CREATE TRIGGER taxii_entries_set_au AFTER UPDATE OF marking_id,
--sqlite:     reader_set ON taxii_entries BEGIN
--sqlite:     UPDATE taxii_entries SET reader_set = (SELECT m.reader_set
--sqlite:         FROM markings m WHERE m.id = new.marking_id)
--sqlite:     WHERE id = new.id; END;
--sqlite: CREATE TRIGGER markings_set_taxii AFTER UPDATE OF reader_set
--sqlite:     ON markings WHEN old.reader_set IS NOT new.reader_set BEGIN
--sqlite:     UPDATE taxii_entries SET reader_set = new.reader_set
--sqlite:     WHERE marking_id = new.id; END;
--postgres: CREATE FUNCTION taxii_entries_set() RETURNS trigger
--postgres:     LANGUAGE plpgsql AS $$ BEGIN
--postgres:     NEW.reader_set := (SELECT m.reader_set FROM markings m
--postgres:         WHERE m.id = NEW.marking_id);
--postgres:     RETURN NEW; END; $$;
--postgres: CREATE TRIGGER taxii_entries_set BEFORE INSERT OR UPDATE OF
--postgres:     marking_id, reader_set ON taxii_entries
--postgres:     FOR EACH ROW EXECUTE FUNCTION taxii_entries_set();
--postgres: CREATE FUNCTION markings_set_taxii() RETURNS trigger
--postgres:     LANGUAGE plpgsql AS $$ BEGIN
--postgres:     UPDATE taxii_entries SET reader_set = NEW.reader_set
--postgres:         WHERE marking_id = NEW.id;
--postgres:     RETURN NULL; END; $$;
--postgres: CREATE TRIGGER markings_set_taxii AFTER UPDATE OF reader_set
--postgres:     ON markings FOR EACH ROW
--postgres:     WHEN (OLD.reader_set IS DISTINCT FROM NEW.reader_set)
--postgres:     EXECUTE FUNCTION markings_set_taxii();
