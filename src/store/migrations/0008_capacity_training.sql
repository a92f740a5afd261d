-- 0008: training events, awareness campaigns, the proposals a completed
-- initiative, training or campaign makes for the status of the standards
-- it targets, and the plan's timeline (Figure 1). Dates are YYYY-MM-DD.
-- Lists of words from a fixed vocabulary (audiences, topics) are compact
-- JSON arrays written by the service only. docs/internals/CAPACITY.md
-- describes the model.

-- A training event. organiser_id and partner_id (the delivering partner)
-- are directory organisations; place is free text, online says it was
-- held on line; source is the public document a seeded record comes from.
CREATE TABLE trainings (
	id		{{id}},
	title		TEXT NOT NULL,
	description	TEXT NOT NULL DEFAULT '',
	start_date	TEXT NOT NULL CHECK (length(start_date) = 10),
	end_date	TEXT NOT NULL CHECK (length(end_date) = 10),
	place		TEXT,
	host_state	TEXT REFERENCES states(code),
	online		INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
	organiser_id	BIGINT NOT NULL REFERENCES organisations(id),
	partner_id	BIGINT REFERENCES organisations(id),
	audiences	TEXT NOT NULL,	-- JSON array of audience keys
	topics		TEXT NOT NULL,	-- JSON array of strings
	materials	TEXT NOT NULL,	-- JSON array of {title, url}
	initiative_id	BIGINT REFERENCES initiatives(id),
	status		TEXT NOT NULL CHECK (status IN ('planned', 'completed',
			    'cancelled')),
	seeded_public	INTEGER NOT NULL DEFAULT 0,	-- from a public source
	source		TEXT,		-- the document it comes from
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL,
	CHECK (end_date >= start_date)
);
CREATE INDEX trainings_start ON trainings(start_date, id);

-- Participants per state and role (an audience key); the counts by
-- gender are NULL when not known (a state named as taking part, numbers
-- not published).
CREATE TABLE training_participants (
	training_id	BIGINT NOT NULL REFERENCES trainings(id),
	state_code	TEXT NOT NULL REFERENCES states(code),
	role		TEXT NOT NULL,
	women		INTEGER CHECK (women >= 0),
	men		INTEGER CHECK (men >= 0),
	unspecified	INTEGER CHECK (unspecified >= 0),
	PRIMARY KEY (training_id, state_code, role)
);
CREATE INDEX training_participants_state ON training_participants(state_code);

-- Standards a training targets (lineage ids); level NULL: the standard's
-- met level.
CREATE TABLE training_standards (
	training_id	BIGINT NOT NULL REFERENCES trainings(id),
	lineage_id	BIGINT NOT NULL,
	level		INTEGER CHECK (level >= 0),
	PRIMARY KEY (training_id, lineage_id)
);

-- An awareness campaign in one state.
CREATE TABLE campaigns (
	id		{{id}},
	title		TEXT NOT NULL,
	description	TEXT NOT NULL DEFAULT '',
	state_code	TEXT NOT NULL REFERENCES states(code),
	audiences	TEXT NOT NULL,	-- JSON array of audience keys
	channel		TEXT NOT NULL,
	start_date	TEXT NOT NULL CHECK (length(start_date) = 10),
	end_date	TEXT NOT NULL CHECK (length(end_date) = 10),
	reach		BIGINT CHECK (reach >= 0),
	organiser_id	BIGINT NOT NULL REFERENCES organisations(id),
	initiative_id	BIGINT REFERENCES initiatives(id),
	materials	TEXT NOT NULL,	-- JSON array of {title, url}
	status		TEXT NOT NULL CHECK (status IN ('planned', 'completed',
			    'cancelled')),
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL,
	CHECK (end_date >= start_date)
);
CREATE INDEX campaigns_start ON campaigns(start_date, id);

CREATE TABLE campaign_standards (
	campaign_id	BIGINT NOT NULL REFERENCES campaigns(id),
	lineage_id	BIGINT NOT NULL,
	level		INTEGER CHECK (level >= 0),
	PRIMARY KEY (campaign_id, lineage_id)
);

-- A proposed status update: source (an initiative, training or campaign)
-- x state x standard lineage, made once when the source completes and
-- decided once by the RIFC. An accepted one names the status record it
-- became (awaiting validation like any other).
CREATE TABLE proposals (
	id		{{id}},
	source_kind	TEXT NOT NULL CHECK (source_kind IN ('initiative',
			    'training', 'campaign')),
	source_id	BIGINT NOT NULL,
	state_code	TEXT NOT NULL REFERENCES states(code),
	lineage_id	BIGINT NOT NULL,
	level		INTEGER NOT NULL CHECK (level >= 0),
	status		TEXT NOT NULL CHECK (status IN ('pending', 'accepted',
			    'dismissed')),
	reason		TEXT,
	assessment_id	BIGINT REFERENCES assessments(id),
	created_at	BIGINT NOT NULL,
	decided_by_id	BIGINT REFERENCES users(id),
	decided_by	TEXT,
	decided_at	BIGINT,
	UNIQUE (source_kind, source_id, state_code, lineage_id)
);
CREATE INDEX proposals_status ON proposals(status, id);

-- The status records an accepted proposal makes.
INSERT INTO sources (key, title, kind) VALUES
    ('capacity_completion', 'A completed initiative, training or awareness campaign (proposal accepted by the RIFC)', 'other');

-- The plan's timeline (Figure 1): milestones due a number of months
-- after the adoption date (one row, NULL until a coordinator sets it);
-- duration_months NULL is an ongoing activity, through the plan's five
-- years.
CREATE TABLE plan_adoption (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	adopted_on	TEXT CHECK (length(adopted_on) = 10),
	updated_by	TEXT,
	updated_at	BIGINT NOT NULL DEFAULT 0
);
INSERT INTO plan_adoption (id) VALUES (1);

CREATE TABLE milestones (
	id		{{id}},
	key		TEXT NOT NULL UNIQUE,
	title		TEXT NOT NULL,
	ord		INTEGER NOT NULL,
	offset_months	INTEGER NOT NULL CHECK (offset_months >= 0),
	duration_months	INTEGER CHECK (duration_months >= 0),
	status		TEXT NOT NULL CHECK (status IN ('not_started',
			    'in_progress', 'done')),
	evidence	TEXT,
	links		TEXT NOT NULL,	-- JSON array of URLs
	completed_on	TEXT CHECK (length(completed_on) = 10),
	updated_by	TEXT,
	updated_at	BIGINT NOT NULL DEFAULT 0
);
-- Figure 1, in its order: approval, then one month to establish the RCC,
-- two to identify the minimum standards, two for the updated status
-- review; implementation mechanisms with resource mobilisation, and
-- monitoring and review, are ongoing.
INSERT INTO milestones (key, title, ord, offset_months, duration_months,
    status, links) VALUES
    ('consle_approval', 'Approval of the Action Plan by CONSLE', 1, 0, 0, 'not_started', '[]'),
    ('rcc_established', 'Establishment of the RCC', 2, 0, 1, 'not_started', '[]'),
    ('standards_identified', 'Identification of minimum standards', 3, 1, 2, 'not_started', '[]'),
    ('status_review', 'Updated status review', 4, 3, 2, 'not_started', '[]'),
    ('implementation_resources', 'Identification of mechanisms for implementation and mobilisation of resources', 5, 5, NULL, 'not_started', '[]'),
    ('monitoring_review', 'Monitoring and review', 6, 5, NULL, 'not_started', '[]');
