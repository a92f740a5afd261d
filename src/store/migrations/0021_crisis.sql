-- 0021: cyber crisis management (issue 13 part 4): a crisis declared from
-- incidents with a severity on the shared 0-4 scale, its escalations
-- (levels 3-4: the RCC through the RIFC, and the political level), the
-- crisis team drawn from the directory's people, the append-only decision
-- and communications log (each entry under its own TLP marking), tasks,
-- situation reports at a set cadence, the post-incident review that files
-- a lesson and recommendations, and each state's versioned crisis plan
-- and incident-response protocol. Times are Unix seconds.

-- A crisis. marking_id is the TLP:AMBER envelope of the crisis itself
-- (source state = state_code), used for inbox entries and notices;
-- rifc_declared is 1 when a regional RIFC analyst declared it.
CREATE TABLE crises (
	id		{{id}},
	state_code	TEXT NOT NULL REFERENCES states(code),
	title		TEXT NOT NULL,
	summary		TEXT NOT NULL,
	severity	INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),
	status		TEXT NOT NULL CHECK (status IN ('declared', 'escalated',
			    'stabilised', 'closed', 'reviewed')),
	sitrep_hours	INTEGER NOT NULL CHECK (sitrep_hours BETWEEN 1 AND 168),
	rifc_declared	INTEGER NOT NULL DEFAULT 0 CHECK (rifc_declared IN (0,
			    1)),
	escalated_at	BIGINT,
	closed_at	BIGINT,
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	version		BIGINT NOT NULL DEFAULT 1,
	declared_by	TEXT NOT NULL,
	declared_at	BIGINT NOT NULL,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX crises_state ON crises(state_code, id);

-- The incidents a crisis was declared from (or later linked to).
CREATE TABLE crisis_incidents (
	crisis_id	BIGINT NOT NULL REFERENCES crises(id),
	incident_id	BIGINT NOT NULL REFERENCES incidents(id),
	PRIMARY KEY (crisis_id, incident_id)
);

-- Each level a crisis was escalated to, once per level.
CREATE TABLE crisis_escalations (
	id		{{id}},
	crisis_id	BIGINT NOT NULL REFERENCES crises(id),
	tier		TEXT NOT NULL CHECK (tier IN ('regional', 'political')),
	severity	INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),
	escalated_by	TEXT NOT NULL,
	escalated_at	BIGINT NOT NULL,
	UNIQUE (crisis_id, tier)
);

-- The crisis team: people of the directory, each in a role.
CREATE TABLE crisis_team (
	id		{{id}},
	crisis_id	BIGINT NOT NULL REFERENCES crises(id),
	contact_id	BIGINT NOT NULL REFERENCES contacts(id),
	role		TEXT NOT NULL CHECK (role IN ('lead', 'technical', 'legal',
			    'communications', 'liaison')),
	added_by	TEXT NOT NULL,
	added_at	BIGINT NOT NULL,
	UNIQUE (crisis_id, contact_id, role)
);

-- The decision and communications log: append-only (no route changes
-- or removes an entry); each entry carries its own marking.
CREATE TABLE crisis_log (
	id		{{id}},
	crisis_id	BIGINT NOT NULL REFERENCES crises(id),
	marking_id	BIGINT NOT NULL REFERENCES markings(id),
	kind		TEXT NOT NULL CHECK (kind IN ('decision',
			    'communication')),
	actor		TEXT NOT NULL,
	content		TEXT NOT NULL,
	audience	TEXT NOT NULL,
	channel		TEXT NOT NULL,
	approved_by	TEXT,
	occurred_at	BIGINT NOT NULL,
	author		TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX crisis_log_crisis ON crisis_log(crisis_id, id);

-- Tasks, each with an owner from the directory.
CREATE TABLE crisis_tasks (
	id		{{id}},
	crisis_id	BIGINT NOT NULL REFERENCES crises(id),
	title		TEXT NOT NULL,
	owner_contact_id BIGINT NOT NULL REFERENCES contacts(id),
	due_at		BIGINT,
	status		TEXT NOT NULL CHECK (status IN ('open', 'done')),
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX crisis_tasks_crisis ON crisis_tasks(crisis_id, id);

-- Situation reports, numbered per crisis.
CREATE TABLE crisis_sitreps (
	id		{{id}},
	crisis_id	BIGINT NOT NULL REFERENCES crises(id),
	seq		INTEGER NOT NULL,
	situation	TEXT NOT NULL,
	actions		TEXT NOT NULL,
	next_steps	TEXT NOT NULL,
	author		TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	UNIQUE (crisis_id, seq)
);

-- The post-incident review: one per crisis, with the lesson it filed.
CREATE TABLE crisis_reviews (
	id		{{id}},
	crisis_id	BIGINT NOT NULL UNIQUE REFERENCES crises(id),
	lesson_id	BIGINT NOT NULL REFERENCES lessons(id),
	author		TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);

-- The recommendations (monitoring domain) a review made.
CREATE TABLE crisis_review_recommendations (
	review_id	BIGINT NOT NULL REFERENCES crisis_reviews(id),
	recommendation_id BIGINT NOT NULL REFERENCES recommendations(id),
	PRIMARY KEY (review_id, recommendation_id)
);

-- A state's crisis plan or incident-response protocol; each edit is a
-- new row of crisis_template_versions, never an update of an old one.
CREATE TABLE crisis_templates (
	id		{{id}},
	state_code	TEXT NOT NULL REFERENCES states(code),
	kind		TEXT NOT NULL CHECK (kind IN ('crisis_plan',
			    'ir_protocol')),
	current_version	INTEGER NOT NULL,
	UNIQUE (state_code, kind)
);

CREATE TABLE crisis_template_versions (
	template_id	BIGINT NOT NULL REFERENCES crisis_templates(id),
	version		INTEGER NOT NULL CHECK (version >= 1),
	title		TEXT NOT NULL,
	body		TEXT NOT NULL,
	note		TEXT,
	author		TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	PRIMARY KEY (template_id, version)
);
