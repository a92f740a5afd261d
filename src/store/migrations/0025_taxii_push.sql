-- 0025: the latest flag of taxii_entries (below), and `ccscap sync --push` sends what this node filed in its own TAXII
-- collections (STIX it imported or was posted, and the incidents and
-- indicators made through its forms and API), not what it pulled: an
-- entry filed by a pull keeps the peer it came from in origin (NULL: made
-- or imported here), so a node never pushes a peer's objects back to it.
-- The push walks each local collection by date_added, which is unique
-- and handed out under the collection row's lock, so it is also the order
-- in which entries were committed on both backends: a watermark on it
-- neither skips nor repeats an entry. One watermark per peer, remote
-- collection and local collection; the push marks of 0022 (a position in
-- stix_objects) are replaced by these.

ALTER TABLE taxii_entries ADD COLUMN origin TEXT;
-- a version filed again later (a new collection, `ccscap taxii publish`)
-- keeps the origin of its pulled copies: found through this index of the
-- pulled entries only
CREATE INDEX taxii_entries_pulled ON taxii_entries(stix_id, version)
    WHERE origin IS NOT NULL;

CREATE TABLE taxii_push (
	peer		TEXT NOT NULL,		-- the peer's API root URL
	collection	TEXT NOT NULL,		-- the peer's collection
	source		TEXT NOT NULL,		-- the local collection
	date_added	BIGINT NOT NULL DEFAULT 0,	-- last entry sent
	updated_at	BIGINT NOT NULL,
	PRIMARY KEY (peer, collection, source)
);

DELETE FROM taxii_sync WHERE direction = 'push';

-- The newest version of each object in a collection, kept as a flag as
-- each version is filed or deleted, so a page of the default
-- match[version]=last reads it from the entry itself instead of probing
-- the (collection, object, version) index once per row: at a million
-- entries those probes were most of a page's time.
ALTER TABLE taxii_entries ADD COLUMN latest INTEGER NOT NULL DEFAULT 1;
UPDATE taxii_entries SET latest = 0 WHERE EXISTS (SELECT 1 FROM
    taxii_entries x WHERE x.collection_id = taxii_entries.collection_id AND
    x.stix_id = taxii_entries.stix_id AND x.version >
    taxii_entries.version);

-- An imported sighting whose indicator is not in its own bundle finds the
-- indicator's sightings by STIX id. Without this index that was a scan of
-- every sighting per such sighting: a sync, which imports a peer's
-- collection a page at a time, took O(n^2) (bench/README.md, "TAXII").
CREATE INDEX sightings_stix_id ON sightings(stix_id);
