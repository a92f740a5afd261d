-- 0022: the TAXII 2.1 server (issue 14). API roots are not stored: they
-- are the trust circles (public, caricom-rcc, <xx>-national for each
-- state of the directory). A collection belongs to one root and holds at
-- most one TLP level; who may read and write it is granted per user, per
-- organisation, to every signed-in user or to the public. Each version of
-- an object filed in a collection is one entry with a date_added (unix
-- microseconds) unique and increasing within the collection, handed out
-- from taxii_collections.last_added, so objects never share a
-- timestamp and paging by (date_added, id) neither loses nor repeats one.
-- An entry keeps the object's text and a marking: every read passes the
-- same TLP policy as the rest of ccscap.

CREATE TABLE taxii_collections (
	id		TEXT PRIMARY KEY,	-- UUID, the TAXII id
	root		TEXT NOT NULL,		-- API root name
	title		TEXT NOT NULL,
	description	TEXT NOT NULL DEFAULT '',
	alias		TEXT,
	tlp_max		TEXT NOT NULL CHECK (tlp_max IN ('clear', 'green',
			    'amber', 'amber+strict', 'red')),
	last_added	BIGINT NOT NULL DEFAULT 0,	-- newest date_added
	created_at	BIGINT NOT NULL
);
CREATE INDEX taxii_collections_root ON taxii_collections(root);

CREATE TABLE taxii_grants (
	id		{{id}},
	collection_id	TEXT NOT NULL REFERENCES taxii_collections(id),
	kind		TEXT NOT NULL CHECK (kind IN ('user', 'org', 'any',
			    'public')),
	ref_id		BIGINT NOT NULL DEFAULT 0,	-- user or org id
	can_read	INTEGER NOT NULL CHECK (can_read IN (0, 1)),
	can_write	INTEGER NOT NULL CHECK (can_write IN (0, 1)),
	created_at	BIGINT NOT NULL,
	UNIQUE (collection_id, kind, ref_id)
);

CREATE TABLE taxii_entries (
	id		{{id}},
	collection_id	TEXT NOT NULL REFERENCES taxii_collections(id),
	date_added	BIGINT NOT NULL,	-- unix microseconds
	stix_id		TEXT NOT NULL,
	type		TEXT NOT NULL,
	version		TEXT NOT NULL,	-- nine fractional digits: sortable
	version_text	TEXT NOT NULL,	-- as the object gives it
	spec_version	TEXT NOT NULL,
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	body		TEXT NOT NULL,
	UNIQUE (collection_id, date_added)
);
CREATE INDEX taxii_entries_obj ON taxii_entries(collection_id, stix_id,
    version);

-- Status resources of POSTs, kept at least 24 hours.
CREATE TABLE taxii_status (
	id		TEXT PRIMARY KEY,	-- UUID
	root		TEXT NOT NULL,
	user_id		BIGINT,
	created_at	BIGINT NOT NULL,
	body		TEXT NOT NULL	-- the status resource, JSON
);
CREATE INDEX taxii_status_created ON taxii_status(created_at);

-- ccscap sync: how far each peer's collection was pulled (the last
-- X-TAXII-Date-Added-Last) or pushed (the last local stix_objects row
-- sent, by created_at and id), so a killed sync resumes there.
CREATE TABLE taxii_sync (
	peer		TEXT NOT NULL,		-- the peer's API root URL
	collection	TEXT NOT NULL,
	direction	TEXT NOT NULL CHECK (direction IN ('pull', 'push')),
	mark		TEXT NOT NULL DEFAULT '',
	mark_at		BIGINT NOT NULL DEFAULT 0,
	mark_seq	BIGINT NOT NULL DEFAULT 0,
	updated_at	BIGINT NOT NULL,
	PRIMARY KEY (peer, collection, direction)
);
