-- 0038: the state queue's walk carries the reader set (issue 15; the walk
-- is svc/sharing/queue_list.c page, docs/internals/LISTS.md).
--
-- A state's queue page walks state_queue_state in time order and keeps
-- the rows whose marking's reader set the reader holds. The set lived
-- only on the marking, so every walked row was a marking lookup: a
-- reader of 1% of a state's queue looks up a hundred markings per row
-- shown, and on PostgreSQL at 1,000,000 sightings that was the JM
-- user's whole 20 ms (bench/results/lists-pg-20261204T030523Z.txt).
-- The row now keeps a copy of its marking's set, in the walk's index
-- beside the open/done state, and a marking is read only for the rows
-- shown.
--
-- The copy is kept by the database, whatever writes the rows: set from
-- the marking when a row is stored or re-marked, and followed when a
-- marking's set changes (the rebuild after restore, svc/sharing/
-- reader_sets.c, sets every marking's). A restored row takes its
-- marking's set (NULL until the rebuild) whatever the backup held.
ALTER TABLE state_queue ADD COLUMN reader_set BIGINT;
UPDATE state_queue SET reader_set = (SELECT m.reader_set FROM markings m
    WHERE m.id = state_queue.marking_id);
DROP INDEX state_queue_state;
CREATE INDEX state_queue_state ON state_queue(state_code, created_at, id,
    reader_set, done_at);
CREATE INDEX state_queue_marking ON state_queue(marking_id);

--sqlite: CREATE TRIGGER state_queue_set_ai AFTER INSERT ON state_queue
--sqlite: BEGIN
--sqlite:     UPDATE state_queue SET reader_set = (SELECT m.reader_set
--sqlite:         FROM markings m WHERE m.id = new.marking_id)
--sqlite:     WHERE id = new.id; END;
--sqlite: CREATE TRIGGER state_queue_set_au AFTER UPDATE OF marking_id,
--sqlite:     reader_set ON state_queue BEGIN
--sqlite:     UPDATE state_queue SET reader_set = (SELECT m.reader_set
--sqlite:         FROM markings m WHERE m.id = new.marking_id)
--sqlite:     WHERE id = new.id; END;
--sqlite: CREATE TRIGGER markings_set_queue AFTER UPDATE OF reader_set
--sqlite:     ON markings WHEN old.reader_set IS NOT new.reader_set BEGIN
--sqlite:     UPDATE state_queue SET reader_set = new.reader_set
--sqlite:     WHERE marking_id = new.id; END;
--postgres: CREATE FUNCTION state_queue_set() RETURNS trigger
--postgres:     LANGUAGE plpgsql AS $$ BEGIN
--postgres:     NEW.reader_set := (SELECT m.reader_set FROM markings m
--postgres:         WHERE m.id = NEW.marking_id);
--postgres:     RETURN NEW; END; $$;
--postgres: CREATE TRIGGER state_queue_set BEFORE INSERT OR UPDATE OF
--postgres:     marking_id, reader_set ON state_queue
--postgres:     FOR EACH ROW EXECUTE FUNCTION state_queue_set();
--postgres: CREATE FUNCTION markings_set_queue() RETURNS trigger
--postgres:     LANGUAGE plpgsql AS $$ BEGIN
--postgres:     UPDATE state_queue SET reader_set = NEW.reader_set
--postgres:         WHERE marking_id = NEW.id;
--postgres:     RETURN NULL; END; $$;
--postgres: CREATE TRIGGER markings_set_queue AFTER UPDATE OF reader_set
--postgres:     ON markings FOR EACH ROW
--postgres:     WHEN (OLD.reader_set IS DISTINCT FROM NEW.reader_set)
--postgres:     EXECUTE FUNCTION markings_set_queue();
