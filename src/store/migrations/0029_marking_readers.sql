-- 0029: reader keys of every marking (issue 15 item 1;
-- core/tlp_keys.h, docs/internals/POLICY.md "Reader keys").
--
-- One row per key that grants reading records under a marking ("*",
-- "m", "r", "u:ID", "o:ID", "s:CC"), written with the marking in the
-- same transaction (svc/sharing/marking.c). A list can then keep only the
-- rows a reader may read with an index probe on (reader, marking_id)
-- for the reader's few keys, instead of reading every row and asking
-- core/tlp.c. Markings never change, so neither do their keys.
--
-- Derived data: backups leave it out and restore rebuilds it. The meta
-- row asks the first open after this migration to fill it from the
-- markings already stored (svc/sharing/marking_readers.c).
CREATE TABLE marking_readers (
	reader		TEXT NOT NULL,
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	PRIMARY KEY (reader, marking_id)
);
CREATE INDEX marking_readers_marking ON marking_readers(marking_id);

INSERT INTO meta (k, v) VALUES ('markings.readers', 'pending');
