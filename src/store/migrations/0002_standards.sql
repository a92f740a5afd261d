-- 0002: minimum-standards framework (versioned), status records with
-- evidence, their validation, and the derived status tables behind the gap
-- analysis.

-- Needs of the plan's tables 1-5 (plan content, not versioned).
CREATE TABLE needs (
	ref		TEXT PRIMARY KEY,
	tbl		INTEGER NOT NULL,
	need		TEXT NOT NULL,
	solutions	TEXT NOT NULL,	-- JSON array of strings
	partners	TEXT NOT NULL	-- JSON array of organisation keys
);

-- Where a status record comes from: the desk studies of section 6, NCPOC
-- feedback, review meetings, bulk imports.
CREATE TABLE sources (
	key		TEXT PRIMARY KEY,
	title		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('desk_study', 'ncpoc_feedback',
			    'review_meeting', 'other'))
);
INSERT INTO sources (key, title, kind) VALUES
    ('ncpoc_feedback', 'Feedback from the National Cyber Point of Contact', 'ncpoc_feedback'),
    ('review_meeting', 'Regional Cyber Committee review meeting', 'review_meeting');

CREATE TABLE framework_versions (
	id		{{id}},
	version		BIGINT NOT NULL UNIQUE,
	title		TEXT NOT NULL,
	note		TEXT,
	published_at	BIGINT NOT NULL,
	published_by	TEXT NOT NULL
);

CREATE TABLE priority_areas (
	id		{{id}},
	version_id	BIGINT NOT NULL REFERENCES framework_versions(id),
	code		TEXT NOT NULL,
	name		TEXT NOT NULL,
	ord		INTEGER NOT NULL,
	UNIQUE (version_id, code)
);

CREATE TABLE specific_areas (
	id		{{id}},
	area_id		BIGINT NOT NULL REFERENCES priority_areas(id),
	code		TEXT NOT NULL,
	name		TEXT NOT NULL,
	ord		INTEGER NOT NULL,
	UNIQUE (area_id, code)
);

-- lineage_id: the first standard of a chain of unchanged standards across
-- versions; status carries along a lineage (the version mapping).
CREATE TABLE standards (
	id		{{id}},
	version_id	BIGINT NOT NULL REFERENCES framework_versions(id),
	specific_area_id BIGINT NOT NULL REFERENCES specific_areas(id),
	lineage_id	BIGINT NOT NULL,
	code		TEXT NOT NULL,
	title		TEXT NOT NULL,
	description	TEXT NOT NULL,
	scale		TEXT NOT NULL,	-- JSON array of level labels, lowest first
	nlevels		INTEGER NOT NULL CHECK (nlevels BETWEEN 2 AND 10),
	met_level	INTEGER NOT NULL,
	gci_pillar	TEXT NOT NULL,
	cmm_dimension	TEXT NOT NULL,
	needs		TEXT NOT NULL,	-- JSON array of need refs
	ord		INTEGER NOT NULL,
	UNIQUE (version_id, code),
	CHECK (met_level >= 1 AND met_level < nlevels)
);
CREATE INDEX standards_lineage ON standards(lineage_id);

-- Status records: append-only. A correction is a new record.
CREATE TABLE assessments (
	id		{{id}},
	state_code	TEXT NOT NULL REFERENCES states(code),
	standard_id	BIGINT NOT NULL REFERENCES standards(id),
	lineage_id	BIGINT NOT NULL,
	as_of		TEXT NOT NULL CHECK (length(as_of) = 10),
	level		INTEGER NOT NULL CHECK (level >= 0),
	evidence	TEXT,
	links		TEXT NOT NULL,	-- JSON array of URLs
	source_key	TEXT NOT NULL REFERENCES sources(key),
	author_id	BIGINT REFERENCES users(id),
	author		TEXT NOT NULL,
	submitted_at	BIGINT NOT NULL,
	corrects_id	BIGINT REFERENCES assessments(id)
);
CREATE INDEX assessments_state ON assessments(state_code, submitted_at);

-- One decision per record, never changed.
CREATE TABLE assessment_reviews (
	assessment_id	BIGINT PRIMARY KEY REFERENCES assessments(id),
	decision	TEXT NOT NULL CHECK (decision IN ('validated', 'rejected')),
	reason		TEXT,
	reviewer_id	BIGINT REFERENCES users(id),
	reviewer	TEXT NOT NULL,
	reviewed_at	BIGINT NOT NULL
);

-- Uploaded evidence, stored once by content hash (files on disk).
CREATE TABLE evidence_files (
	sha256		TEXT PRIMARY KEY CHECK (length(sha256) = 64),
	size		BIGINT NOT NULL,
	content_type	TEXT NOT NULL,
	uploaded_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);

CREATE TABLE assessment_files (
	assessment_id	BIGINT NOT NULL REFERENCES assessments(id),
	sha256		TEXT NOT NULL REFERENCES evidence_files(sha256),
	filename	TEXT NOT NULL,
	PRIMARY KEY (assessment_id, sha256)
);

-- Derived from validated records (rebuilt by 'ccscap gaps --rebuild'):
-- every validated status by date, and the latest per state and lineage.
CREATE TABLE status_history (
	state_code	TEXT NOT NULL,
	lineage_id	BIGINT NOT NULL,
	as_of		TEXT NOT NULL,
	assessment_id	BIGINT NOT NULL REFERENCES assessments(id),
	level		INTEGER NOT NULL,
	PRIMARY KEY (state_code, lineage_id, as_of, assessment_id)
);
-- Covering: a past date's status is one index seek per state and lineage.
CREATE INDEX status_history_seek ON status_history(state_code, lineage_id,
    as_of, assessment_id, level);

CREATE TABLE status_current (
	state_code	TEXT NOT NULL,
	lineage_id	BIGINT NOT NULL,
	as_of		TEXT NOT NULL,
	assessment_id	BIGINT NOT NULL REFERENCES assessments(id),
	level		INTEGER NOT NULL,
	PRIMARY KEY (state_code, lineage_id)
);
