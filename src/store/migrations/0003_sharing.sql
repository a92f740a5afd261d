-- 0003: information sharing. Shared records (incidents, sightings,
-- advisories, lessons, requests for information) each carry a marking:
-- the TLP level and who it was shared with, fixed at creation. Indicators
-- are stored once per distinct canonical value with their correlation
-- keys; every report of a value is a sighting (one row), so correlation
-- never needs a pairwise link table.
-- Lines starting with "--sqlite: " or "--postgres: " are for that backend
-- only (see migrate.c).

-- Named groups of organisations and states to share with.
CREATE TABLE communities (
	id		{{id}},
	name		TEXT NOT NULL UNIQUE,
	description	TEXT,
	created_at	BIGINT NOT NULL
);

CREATE TABLE community_members (
	community_id	BIGINT NOT NULL REFERENCES communities(id),
	org_id		BIGINT REFERENCES organisations(id),
	state_code	TEXT REFERENCES states(code),
	CHECK ((org_id IS NULL) <> (state_code IS NULL))
);
CREATE INDEX community_members_c ON community_members(community_id);

-- The sharing envelope, immutable. states/orgs/recipients are comma lists
-- with a comma at each end (",JM,BB,") read by core/tlp.c; the *_json
-- columns keep what the sender chose, for display.
CREATE TABLE markings (
	id		{{id}},
	tlp		TEXT NOT NULL CHECK (tlp IN ('clear', 'green', 'amber',
			    'amber+strict', 'red')),
	src_state	TEXT REFERENCES states(code),
	src_org		BIGINT REFERENCES organisations(id),
	author_id	BIGINT REFERENCES users(id),
	states		TEXT NOT NULL DEFAULT '',
	orgs		TEXT NOT NULL DEFAULT '',
	recipients	TEXT NOT NULL DEFAULT '',
	communities_json TEXT NOT NULL DEFAULT '[]',
	recipients_json	TEXT NOT NULL DEFAULT '[]',
	created_at	BIGINT NOT NULL
);

CREATE TABLE incidents (
	id		{{id}},
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	state_code	TEXT NOT NULL REFERENCES states(code),
	org_id		BIGINT REFERENCES organisations(id),
	author_id	BIGINT REFERENCES users(id),
	author		TEXT NOT NULL,
	title		TEXT NOT NULL,
	description	TEXT NOT NULL,
	rsit_class	TEXT NOT NULL,
	rsit_type	TEXT NOT NULL,
	severity	TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high',
			    'critical')),
	status		TEXT NOT NULL CHECK (status IN ('reported', 'triaged',
			    'investigating', 'contained', 'resolved', 'closed')),
	sectors		TEXT NOT NULL DEFAULT '[]',	-- JSON array of keys
	critical_infra	INTEGER NOT NULL DEFAULT 0,
	crime_links	TEXT NOT NULL DEFAULT '[]',	-- JSON array of keys
	states_involved	TEXT NOT NULL DEFAULT '[]',	-- JSON array of codes
	occurred_at	BIGINT,
	detected_at	BIGINT,
	reported_at	BIGINT NOT NULL,
	stix_id		TEXT UNIQUE,
	version		BIGINT NOT NULL DEFAULT 1,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX incidents_state ON incidents(state_code, reported_at);
CREATE INDEX incidents_reported ON incidents(reported_at);

-- Related incidents, stored once per pair (a_id < b_id).
CREATE TABLE incident_links (
	a_id		BIGINT NOT NULL REFERENCES incidents(id),
	b_id		BIGINT NOT NULL REFERENCES incidents(id),
	created_at	BIGINT NOT NULL,
	PRIMARY KEY (a_id, b_id),
	CHECK (a_id < b_id)
);

CREATE TABLE incident_files (
	incident_id	BIGINT NOT NULL REFERENCES incidents(id),
	sha256		TEXT NOT NULL REFERENCES evidence_files(sha256),
	filename	TEXT NOT NULL,
	PRIMARY KEY (incident_id, sha256)
);

-- One row per distinct canonical indicator value (the cluster row).
CREATE TABLE ind_values (
	id		{{id}},
	type		TEXT NOT NULL,
	value		TEXT NOT NULL,
	warning		TEXT,		-- warning list name, NULL if none
	first_seen	BIGINT NOT NULL,
	last_seen	BIGINT NOT NULL,
	nsightings	BIGINT NOT NULL DEFAULT 0,
	UNIQUE (type, value)
);
CREATE INDEX ind_values_last ON ind_values(last_seen);

-- Correlation keys of each value (core/indicator.h). kind: exact, alias,
-- host, regdom, net, bucket.
CREATE TABLE ind_keys (
	key		TEXT NOT NULL,
	value_id	BIGINT NOT NULL REFERENCES ind_values(id),
	kind		TEXT NOT NULL,
	PRIMARY KEY (key, value_id, kind)
);
CREATE INDEX ind_keys_value ON ind_keys(value_id);

-- A report of a value by a state at a time, under a marking.
CREATE TABLE sightings (
	id		{{id}},
	value_id	BIGINT NOT NULL REFERENCES ind_values(id),
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	state_code	TEXT REFERENCES states(code),
	incident_id	BIGINT REFERENCES incidents(id),
	seen_at		BIGINT NOT NULL,
	source		TEXT NOT NULL,	-- manual, incident, stix, misp, csv
	note		TEXT,
	stix_id		TEXT,
	author		TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX sightings_value ON sightings(value_id, seen_at);
CREATE INDEX sightings_seen ON sightings(seen_at);
CREATE INDEX sightings_incident ON sightings(incident_id);

-- Constituencies: what each state's team answers for. kind: cctld
-- ("jm"), domain, cidr, asn. Claims are approved by a coordinator.
CREATE TABLE constituency_claims (
	id		{{id}},
	state_code	TEXT NOT NULL REFERENCES states(code),
	kind		TEXT NOT NULL CHECK (kind IN ('cctld', 'domain', 'cidr',
			    'asn')),
	value		TEXT NOT NULL,
	status		TEXT NOT NULL CHECK (status IN ('pending', 'approved',
			    'rejected')),
	claimed_by	TEXT NOT NULL,
	decided_by	TEXT,
	reason		TEXT,
	created_at	BIGINT NOT NULL,
	decided_at	BIGINT,
	UNIQUE (kind, value, state_code)
);

-- Records routed to a state's queue because they fall in its
-- constituency (whoever shared them). Read through the record's marking.
CREATE TABLE state_queue (
	id		{{id}},
	state_code	TEXT NOT NULL REFERENCES states(code),
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	sighting_id	BIGINT REFERENCES sightings(id),
	incident_id	BIGINT REFERENCES incidents(id),
	claim_id	BIGINT NOT NULL REFERENCES constituency_claims(id),
	created_at	BIGINT NOT NULL,
	done_at		BIGINT,
	done_by		TEXT
);
CREATE INDEX state_queue_state ON state_queue(state_code, created_at);

-- Advisories from the RIFC or a CERT to states' NCPOCs and CERTs.
CREATE TABLE advisories (
	id		{{id}},
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	sender_state	TEXT REFERENCES states(code),
	author_id	BIGINT REFERENCES users(id),
	author		TEXT NOT NULL,
	title		TEXT NOT NULL,
	summary		TEXT NOT NULL,
	actions		TEXT NOT NULL DEFAULT '[]',	-- JSON array of strings
	severity	TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high',
			    'critical')),
	ack_hours	BIGINT NOT NULL,
	incident_id	BIGINT REFERENCES incidents(id),
	created_at	BIGINT NOT NULL
);

CREATE TABLE advisory_recipients (
	advisory_id	BIGINT NOT NULL REFERENCES advisories(id),
	state_code	TEXT NOT NULL REFERENCES states(code),
	due_at		BIGINT NOT NULL,
	acked_at	BIGINT,
	acked_by	TEXT,
	PRIMARY KEY (advisory_id, state_code)
);
CREATE INDEX advisory_recipients_due ON advisory_recipients(acked_at,
    due_at);

CREATE TABLE advisory_indicators (
	advisory_id	BIGINT NOT NULL REFERENCES advisories(id),
	value_id	BIGINT NOT NULL REFERENCES ind_values(id),
	PRIMARY KEY (advisory_id, value_id)
);

-- Lessons learnt / post-incident reviews.
CREATE TABLE lessons (
	id		{{id}},
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	state_code	TEXT REFERENCES states(code),
	author_id	BIGINT REFERENCES users(id),
	author		TEXT NOT NULL,
	title		TEXT NOT NULL,
	what_happened	TEXT NOT NULL,
	what_worked	TEXT NOT NULL,
	what_to_change	TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);

CREATE TABLE lesson_incidents (
	lesson_id	BIGINT NOT NULL REFERENCES lessons(id),
	incident_id	BIGINT NOT NULL REFERENCES incidents(id),
	PRIMARY KEY (lesson_id, incident_id)
);

-- Requests for information; answers share the request's marking.
CREATE TABLE rfis (
	id		{{id}},
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	state_code	TEXT REFERENCES states(code),
	author_id	BIGINT REFERENCES users(id),
	author		TEXT NOT NULL,
	question	TEXT NOT NULL,
	incident_id	BIGINT REFERENCES incidents(id),
	value_id	BIGINT REFERENCES ind_values(id),
	status		TEXT NOT NULL CHECK (status IN ('open', 'closed')),
	created_at	BIGINT NOT NULL
);

CREATE TABLE rfi_answers (
	id		{{id}},
	rfi_id		BIGINT NOT NULL REFERENCES rfis(id),
	state_code	TEXT REFERENCES states(code),
	author		TEXT NOT NULL,
	answer		TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX rfi_answers_rfi ON rfi_answers(rfi_id);

-- Subscriptions: topic is state, sector, rsit (class), indicator_type.
CREATE TABLE subscriptions (
	id		{{id}},
	user_id		BIGINT NOT NULL REFERENCES users(id),
	topic		TEXT NOT NULL CHECK (topic IN ('state', 'sector', 'rsit',
			    'indicator_type')),
	value		TEXT NOT NULL,
	email		INTEGER NOT NULL DEFAULT 0,
	webhook_url	TEXT,
	created_at	BIGINT NOT NULL,
	UNIQUE (user_id, topic, value)
);
CREATE INDEX subscriptions_topic ON subscriptions(topic, value);

-- A user's inbox: one entry per new record matching a subscription (or
-- routed or addressed to them). Read through the record's marking.
CREATE TABLE inbox (
	id		{{id}},
	user_id		BIGINT NOT NULL REFERENCES users(id),
	kind		TEXT NOT NULL,	-- incident, sighting, advisory, ...
	ref_id		BIGINT NOT NULL,
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	reason		TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	read_at		BIGINT
);
CREATE INDEX inbox_user ON inbox(user_id, created_at);

-- Outbound notices (e-mail, webhook) written in the same transaction as
-- the record and sent by the delivery worker after commit.
CREATE TABLE outbox (
	id		{{id}},
	channel		TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
	target		TEXT NOT NULL,
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	attempts	INTEGER NOT NULL DEFAULT 0,
	next_at		BIGINT NOT NULL,
	sent_at		BIGINT,
	last_error	TEXT,
	created_at	BIGINT NOT NULL
);
CREATE INDEX outbox_due ON outbox(sent_at, next_at);

-- STIX objects ccscap does not model (attack-pattern, malware, ...), kept
-- whole so a bundle round-trips; read through their marking.
CREATE TABLE stix_objects (
	stix_id		TEXT PRIMARY KEY,
	type		TEXT NOT NULL,
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	modified	TEXT,
	body		TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX stix_objects_type ON stix_objects(type);

-- Full-text search over shared records: one document per record.
CREATE TABLE search_docs (
	id		{{id}},
	kind		TEXT NOT NULL,	-- incident, indicator, advisory, lesson
	ref_id		BIGINT NOT NULL,
	marking_id	BIGINT REFERENCES markings(id),	-- NULL: indicators
	title		TEXT NOT NULL,
	body		TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	UNIQUE (kind, ref_id)
);
--sqlite: CREATE VIRTUAL TABLE search_fts USING fts5(title, body,
--sqlite:     content='search_docs', content_rowid='id',
--sqlite:     tokenize='unicode61 remove_diacritics 2');
--sqlite: CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
--sqlite:     INSERT INTO search_fts(rowid, title, body)
--sqlite:     VALUES (new.id, new.title, new.body); END;
--sqlite: CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
--sqlite:     INSERT INTO search_fts(search_fts, rowid, title, body)
--sqlite:     VALUES ('delete', old.id, old.title, old.body); END;
--sqlite: CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
--sqlite:     INSERT INTO search_fts(search_fts, rowid, title, body)
--sqlite:     VALUES ('delete', old.id, old.title, old.body);
--sqlite:     INSERT INTO search_fts(rowid, title, body)
--sqlite:     VALUES (new.id, new.title, new.body); END;
--postgres: ALTER TABLE search_docs ADD COLUMN tsv tsvector GENERATED ALWAYS
--postgres:     AS (to_tsvector('simple', title || ' ' || body)) STORED;
--postgres: CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);
