-- 0020: pooled forensic labs and chain of custody (issue 13, parts 2-3).
-- A lab is owned by a state or a regional body (an organisation of the
-- directory whose users are the lab's staff); it lists its tools with
-- their licences and its certified examiners. A state asks a lab for
-- help; the lab accepts, schedules, works and closes the request with a
-- report. Each evidence item has an append-only custody log whose
-- entries are hash-chained (core/forensics/custody.h): no code updates
-- or deletes a custody entry, and a trigger on each backend refuses it.
-- Lines starting with "--sqlite: " or "--postgres: " are for that backend
-- only (see 0003_sharing.sql).

CREATE TABLE forensic_labs (
	id		{{id}},
	name		TEXT NOT NULL UNIQUE,
	org_id		BIGINT NOT NULL REFERENCES organisations(id),
	state_code	TEXT REFERENCES states(code),
	capabilities	TEXT NOT NULL DEFAULT '[]',
	device_types	TEXT NOT NULL DEFAULT '[]',
	capacity	INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);

-- A tool of a lab and its licence; licence_expires NULL: no expiry.
CREATE TABLE forensic_tools (
	id		{{id}},
	lab_id		BIGINT NOT NULL REFERENCES forensic_labs(id),
	name		TEXT NOT NULL,
	version		TEXT,
	licence_ref	TEXT,
	licence_expires	TEXT CHECK (licence_expires IS NULL OR
			    length(licence_expires) = 10),
	created_at	BIGINT NOT NULL
);
CREATE INDEX forensic_tools_lab ON forensic_tools(lab_id, id);

-- A certified examiner of a lab; skills and languages are JSON arrays.
CREATE TABLE forensic_examiners (
	id		{{id}},
	lab_id		BIGINT NOT NULL REFERENCES forensic_labs(id),
	name		TEXT NOT NULL,
	certification	TEXT NOT NULL,
	skills		TEXT NOT NULL DEFAULT '[]',
	languages	TEXT NOT NULL DEFAULT '[]',
	created_at	BIGINT NOT NULL
);
CREATE INDEX forensic_examiners_lab ON forensic_examiners(lab_id, id);

-- A state's request for help from a lab (core/forensics/request.h).
CREATE TABLE forensic_requests (
	id		{{id}},
	lab_id		BIGINT NOT NULL REFERENCES forensic_labs(id),
	state_code	TEXT NOT NULL REFERENCES states(code),
	device_types	TEXT NOT NULL DEFAULT '[]',
	volume		INTEGER NOT NULL CHECK (volume BETWEEN 1 AND 100000),
	urgency		TEXT NOT NULL CHECK (urgency IN ('routine', 'urgent',
			    'emergency')),
	legal_basis	TEXT NOT NULL,
	incident_id	BIGINT REFERENCES incidents(id),
	case_ref	TEXT,
	status		TEXT NOT NULL CHECK (status IN ('requested',
			    'accepted', 'scheduled', 'in_progress', 'closed',
			    'declined', 'withdrawn')),
	scheduled_for	TEXT,
	report		TEXT,
	reason		TEXT,
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX forensic_requests_lab ON forensic_requests(lab_id, status, id);
CREATE INDEX forensic_requests_state ON forensic_requests(state_code, id);

-- An evidence item. state_code is the owning state (the case's);
-- sha256 is the hash measured at acquisition; holder_id is the user who
-- holds it now (the receiver of the last custody entry).
CREATE TABLE evidence_items (
	id		{{id}},
	state_code	TEXT NOT NULL REFERENCES states(code),
	request_id	BIGINT REFERENCES forensic_requests(id),
	lab_id		BIGINT REFERENCES forensic_labs(id),
	kind		TEXT NOT NULL,
	description	TEXT NOT NULL,
	copy		TEXT NOT NULL CHECK (copy IN ('original', 'working_copy',
			    'derived')),
	parent_id	BIGINT REFERENCES evidence_items(id),
	seal		TEXT NOT NULL,
	sha256		TEXT NOT NULL CHECK (length(sha256) = 64),
	acquired_at	BIGINT NOT NULL,
	holder_id	BIGINT NOT NULL REFERENCES users(id),
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX evidence_items_state ON evidence_items(state_code, id);
CREATE INDEX evidence_items_holder ON evidence_items(holder_id);

-- The custody log: seq 0 is the acquisition (no giver), each later row a
-- hand-over. entry_hash covers prev_hash and every field
-- (core/forensics/custody.c); hash_ok is 0 when the SHA-256 measured at
-- the hand-over differs from the acquisition's.
CREATE TABLE custody_events (
	id		{{id}},
	item_id		BIGINT NOT NULL REFERENCES evidence_items(id),
	seq		INTEGER NOT NULL,
	giver_id	BIGINT REFERENCES users(id),
	giver		TEXT NOT NULL,
	receiver_id	BIGINT NOT NULL REFERENCES users(id),
	receiver	TEXT NOT NULL,
	at		BIGINT NOT NULL,
	place		TEXT NOT NULL,
	reason		TEXT NOT NULL,
	seal		TEXT NOT NULL,
	sha256		TEXT NOT NULL CHECK (length(sha256) = 64),
	hash_ok		INTEGER NOT NULL CHECK (hash_ok IN (0, 1)),
	courier		TEXT NOT NULL DEFAULT '',
	from_state	TEXT NOT NULL DEFAULT '',
	to_state	TEXT NOT NULL DEFAULT '',
	prev_hash	TEXT NOT NULL,
	entry_hash	TEXT NOT NULL,
	recorded_at	BIGINT NOT NULL,
	UNIQUE (item_id, seq)
);

-- Append-only: no UPDATE and no DELETE of a custody entry, on either
-- backend. Restoring a backup only inserts.
--sqlite: CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON
--sqlite:     custody_events BEGIN
--sqlite:     SELECT RAISE(ABORT, 'custody log is append-only'); END;
--sqlite: CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON
--sqlite:     custody_events BEGIN
--sqlite:     SELECT RAISE(ABORT, 'custody log is append-only'); END;
--postgres: CREATE FUNCTION custody_events_append_only() RETURNS trigger
--postgres:     LANGUAGE plpgsql AS $$ BEGIN
--postgres:     RAISE EXCEPTION 'custody log is append-only'; END; $$;
--postgres: CREATE TRIGGER custody_events_no_change BEFORE UPDATE OR DELETE
--postgres:     ON custody_events FOR EACH ROW
--postgres:     EXECUTE FUNCTION custody_events_append_only();
