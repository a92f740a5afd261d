-- 0005: one stored copy of a STIX object per source (issue 8, F2).
-- stix_objects was keyed by the STIX id alone, so any importer with a
-- newer "modified" replaced whatever was stored, whoever had imported it.
-- Now a copy belongs to the source of its import (its marking's source
-- state, or the region when the import had none) and several copies of
-- one id may be stored; svc/interchange.c decides which one an import
-- replaces (docs/internals/STIX.md). The table is small and nothing
-- references it, so it is rebuilt with a surrogate key on both backends.
CREATE TABLE stix_objects_new (
	id		{{id}},
	stix_id		TEXT NOT NULL,
	type		TEXT NOT NULL,
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	modified	TEXT,
	body		TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
INSERT INTO stix_objects_new (stix_id, type, marking_id, modified, body,
    created_at) SELECT stix_id, type, marking_id, modified, body, created_at
    FROM stix_objects ORDER BY created_at, stix_id;
DROP TABLE stix_objects;
ALTER TABLE stix_objects_new RENAME TO stix_objects;
CREATE INDEX stix_objects_id ON stix_objects(stix_id);
CREATE INDEX stix_objects_type ON stix_objects(type);
CREATE INDEX stix_objects_created ON stix_objects(created_at);

-- The stored copy an imported incident was made from. incidents.stix_id
-- stays unique (the first copy's incident keeps it); an incident made
-- from another source's copy of the same id is found by this column.
ALTER TABLE incidents ADD COLUMN stix_copy BIGINT;
UPDATE incidents SET stix_copy = (SELECT o.id FROM stix_objects o WHERE
    o.stix_id = incidents.stix_id) WHERE stix_id IS NOT NULL;
CREATE INDEX incidents_stix_copy ON incidents(stix_copy);
