-- 0011: monitoring and review (plan section 8): meetings of the RCC, the
-- Steering Committee, the Caribbean Stakeholders Meeting, the Heads of
-- Intelligence and FIUs and CONSLE, with attendees from the directory;
-- recommendations with an owner, a due date and a follow-up trail; the
-- plan's versions item by item with successor links, and evaluations of
-- a version. Dates are YYYY-MM-DD. docs/internals/MONITORING.md
-- describes the model.

-- A meeting. agenda and decisions are compact JSON arrays of text written
-- by the service only; minutes_marking_id, when set, is the TLP marking
-- that restricts who reads the minutes (the meeting itself is read by
-- every member).
CREATE TABLE meetings (
	id		{{id}},
	kind		TEXT NOT NULL CHECK (kind IN ('rcc', 'steering', 'csm',
			    'heads_intel', 'consle')),
	title		TEXT NOT NULL,
	meeting_date	TEXT NOT NULL CHECK (length(meeting_date) = 10),
	place		TEXT,
	host_state	TEXT REFERENCES states(code),
	online		INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
	agenda		TEXT NOT NULL,		-- JSON array of text
	minutes		TEXT NOT NULL DEFAULT '',
	minutes_marking_id BIGINT REFERENCES markings(id),
	decisions	TEXT NOT NULL,		-- JSON array of text
	version		BIGINT NOT NULL DEFAULT 1,
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL,
	CHECK (online = 1 OR place IS NOT NULL)
);
CREATE INDEX meetings_date ON meetings(meeting_date, id);

-- Who attended: an organisation, a person of the directory (contacts) or
-- a state's delegation; seq keeps the order given.
CREATE TABLE meeting_attendees (
	meeting_id	BIGINT NOT NULL REFERENCES meetings(id),
	seq		INTEGER NOT NULL,
	organisation_id	BIGINT REFERENCES organisations(id),
	contact_id	BIGINT REFERENCES contacts(id),
	state_code	TEXT REFERENCES states(code),
	role		TEXT NOT NULL,
	PRIMARY KEY (meeting_id, seq),
	CHECK (organisation_id IS NOT NULL OR contact_id IS NOT NULL OR
	    state_code IS NOT NULL)
);

-- A version of the plan: the 2016 plan (seeded, derived_from NULL) and
-- the versions derived from it.
CREATE TABLE plan_versions (
	id		{{id}},
	label		TEXT NOT NULL UNIQUE,
	title		TEXT NOT NULL,
	adopted		TEXT,
	derived_from	BIGINT REFERENCES plan_versions(id),
	source		TEXT,
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);

-- One item of a version. A need or solution of tables 1-5 links the
-- needs catalogue (need_ref, solution_no: 1-based in needs.solutions)
-- and has text only once changed; the items of sections 4-10 carry their
-- own text. predecessor_id is the item of the version derived from that
-- this one succeeds; change says what became of it.
CREATE TABLE plan_items (
	id		{{id}},
	version_id	BIGINT NOT NULL REFERENCES plan_versions(id),
	ref		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('need', 'solution',
			    'governance', 'standards', 'review', 'monitoring',
			    'funding', 'timeline')),
	section		TEXT NOT NULL,
	seq		INTEGER NOT NULL,
	need_ref	TEXT REFERENCES needs(ref),
	solution_no	INTEGER CHECK (solution_no >= 1),
	text		TEXT,
	change		TEXT NOT NULL CHECK (change IN ('original', 'kept',
			    'changed', 'dropped', 'new')),
	predecessor_id	BIGINT REFERENCES plan_items(id),
	note		TEXT,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL,
	UNIQUE (version_id, ref),
	CHECK (text IS NOT NULL OR need_ref IS NOT NULL)
);
CREATE INDEX plan_items_pred ON plan_items(predecessor_id);

-- A recommendation, made at a meeting or on its own. The owner is one
-- organisation or one state; timeframe is the CARICOM implementation-plan
-- key (immediate up to 6 months, medium up to 18, long up to 30; nar: no
-- action required, rar: regional action required).
CREATE TABLE recommendations (
	id		{{id}},
	meeting_id	BIGINT REFERENCES meetings(id),
	text		TEXT NOT NULL,
	owner_org	BIGINT REFERENCES organisations(id),
	owner_state	TEXT REFERENCES states(code),
	due_date	TEXT NOT NULL CHECK (length(due_date) = 10),
	timeframe	TEXT NOT NULL CHECK (timeframe IN ('immediate', 'medium',
			    'long', 'nar', 'rar')),
	need_ref	TEXT REFERENCES needs(ref),
	plan_item_id	BIGINT REFERENCES plan_items(id),
	status		TEXT NOT NULL CHECK (status IN ('open', 'in_progress',
			    'closed', 'dropped')),
	closed_on	TEXT,
	version		BIGINT NOT NULL DEFAULT 1,
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL,
	CHECK ((owner_org IS NULL AND owner_state IS NOT NULL) OR
	    (owner_org IS NOT NULL AND owner_state IS NULL))
);
CREATE INDEX recommendations_due ON recommendations(status, due_date);
CREATE INDEX recommendations_meeting ON recommendations(meeting_id);

-- The follow-up trail: each progress report, with the status it left.
CREATE TABLE recommendation_progress (
	id		{{id}},
	recommendation_id BIGINT NOT NULL REFERENCES recommendations(id),
	reported_on	TEXT NOT NULL CHECK (length(reported_on) = 10),
	text		TEXT NOT NULL,
	status		TEXT NOT NULL CHECK (status IN ('open', 'in_progress',
			    'closed', 'dropped')),
	document_url	TEXT,
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX recommendation_progress_rec ON
    recommendation_progress(recommendation_id, id);

-- An evaluation of a plan version, as of a date.
CREATE TABLE plan_evaluations (
	id		{{id}},
	version_id	BIGINT NOT NULL REFERENCES plan_versions(id),
	title		TEXT NOT NULL,
	as_of		TEXT NOT NULL CHECK (length(as_of) = 10),
	summary		TEXT NOT NULL DEFAULT '',
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL
);

-- One item's finding: done, partly or not started, with a note.
CREATE TABLE plan_evaluation_items (
	evaluation_id	BIGINT NOT NULL REFERENCES plan_evaluations(id),
	item_id		BIGINT NOT NULL REFERENCES plan_items(id),
	progress	TEXT NOT NULL CHECK (progress IN ('done', 'partly',
			    'not_started')),
	note		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (evaluation_id, item_id)
);

-- OECD DAC criteria scores of an item (1 weak to 4 strong), optional.
CREATE TABLE plan_evaluation_scores (
	evaluation_id	BIGINT NOT NULL REFERENCES plan_evaluations(id),
	item_id		BIGINT NOT NULL REFERENCES plan_items(id),
	criterion	TEXT NOT NULL CHECK (criterion IN ('relevance',
			    'coherence', 'effectiveness', 'efficiency',
			    'impact', 'sustainability')),
	score		INTEGER CHECK (score BETWEEN 1 AND 4),
	text		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (evaluation_id, item_id, criterion)
);
