-- 0007: capacity building. The needs of tables 1-5 get a version and a
-- history; initiatives (projects, programmes, training series) follow the
-- IATI 2.03 activity model and keep its codes unchanged: status 1-6,
-- organisation roles 1-4, budget type and status 1-2, transaction types,
-- related-activity types 1-5, result types and indicator measures.
-- Money is an integer in the currency's minor units with its ISO 4217
-- code; nothing is converted unless a recorded rate says so.
-- docs/internals/CAPACITY.md describes the model.

-- Needs: optimistic concurrency, and the standards that show a need met
-- (filled from the framework's "needs" lists, then edited by
-- coordinators). Every edit keeps the version it replaces.
ALTER TABLE needs ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE needs ADD COLUMN updated_by TEXT;
ALTER TABLE needs ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;

CREATE TABLE need_standards (
	need_ref	TEXT NOT NULL REFERENCES needs(ref),
	lineage_id	BIGINT NOT NULL,	-- standards.lineage_id
	PRIMARY KEY (need_ref, lineage_id)
);
--sqlite: INSERT INTO need_standards (need_ref, lineage_id)
--sqlite:     SELECT DISTINCT j.value, s.lineage_id FROM standards s,
--sqlite:     json_each(s.needs) j WHERE j.value IN (SELECT ref FROM needs);
--postgres: INSERT INTO need_standards (need_ref, lineage_id)
--postgres:     SELECT DISTINCT j.v, s.lineage_id FROM standards s,
--postgres:     jsonb_array_elements_text(s.needs::jsonb) AS j(v)
--postgres:     WHERE j.v IN (SELECT ref FROM needs);

-- One row per replaced version of a need: what it said before the edit
-- that made version + 1.
CREATE TABLE need_versions (
	need_ref	TEXT NOT NULL REFERENCES needs(ref),
	version		BIGINT NOT NULL,
	need		TEXT NOT NULL,
	solutions	TEXT NOT NULL,	-- JSON array of strings
	partners	TEXT NOT NULL,	-- JSON array of organisation keys
	standards	TEXT NOT NULL,	-- JSON array of lineage ids
	changed_by	TEXT,		-- who wrote this version (NULL: seed)
	changed_at	BIGINT NOT NULL,
	PRIMARY KEY (need_ref, version)
);

-- IATI organisation identifiers ({agency}-{number}, e.g. XM-DAC-41301).
ALTER TABLE organisations ADD COLUMN iati_ref TEXT;
CREATE UNIQUE INDEX organisations_iati_ref ON organisations(iati_ref);

-- An initiative is one IATI activity. Dates are YYYY-MM-DD; version is
-- the optimistic-concurrency counter of PATCH.
CREATE TABLE initiatives (
	id		{{id}},
	iati_identifier	TEXT NOT NULL UNIQUE,
	title		TEXT NOT NULL,
	description	TEXT NOT NULL DEFAULT '',
	kind		TEXT NOT NULL CHECK (kind IN ('project', 'programme',
			    'training_series')),
	status		INTEGER NOT NULL CHECK (status BETWEEN 1 AND 6),
	scope		INTEGER CHECK (scope BETWEEN 1 AND 8),
	planned_start	TEXT CHECK (length(planned_start) = 10),
	planned_end	TEXT CHECK (length(planned_end) = 10),
	actual_start	TEXT CHECK (length(actual_start) = 10),
	actual_end	TEXT CHECK (length(actual_end) = 10),
	default_currency TEXT CHECK (length(default_currency) = 3),
	reporting_org_id BIGINT REFERENCES organisations(id),
	seeded_public	INTEGER NOT NULL DEFAULT 0,	-- from public sources
	version		BIGINT NOT NULL DEFAULT 1,
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX initiatives_status ON initiatives(status, id);

-- participating-org: one row per organisation and role (1 funding,
-- 2 accountable, 3 extending, 4 implementing).
CREATE TABLE initiative_orgs (
	initiative_id	BIGINT NOT NULL REFERENCES initiatives(id),
	org_id		BIGINT NOT NULL REFERENCES organisations(id),
	role		INTEGER NOT NULL CHECK (role BETWEEN 1 AND 4),
	PRIMARY KEY (initiative_id, org_id, role)
);
CREATE INDEX initiative_orgs_org ON initiative_orgs(org_id, role);

-- recipient-country / recipient-region: state_code NULL is the region
-- (region_code the IATI region, if known). pct is hundredths of a per
-- cent (10000 = 100%), so shares are exact.
CREATE TABLE initiative_states (
	id		{{id}},
	initiative_id	BIGINT NOT NULL REFERENCES initiatives(id),
	state_code	TEXT REFERENCES states(code),
	region_code	TEXT,
	pct		INTEGER NOT NULL CHECK (pct BETWEEN 0 AND 10000),
	UNIQUE (initiative_id, state_code)
);
CREATE INDEX initiative_states_state ON initiative_states(state_code);

-- The plan's vocabulary (IATI sector/tag vocabulary 99): needs addressed
-- and standard lineages targeted.
CREATE TABLE initiative_needs (
	initiative_id	BIGINT NOT NULL REFERENCES initiatives(id),
	need_ref	TEXT NOT NULL REFERENCES needs(ref),
	PRIMARY KEY (initiative_id, need_ref)
);
CREATE INDEX initiative_needs_need ON initiative_needs(need_ref);

CREATE TABLE initiative_standards (
	initiative_id	BIGINT NOT NULL REFERENCES initiatives(id),
	lineage_id	BIGINT NOT NULL,	-- standards.lineage_id
	PRIMARY KEY (initiative_id, lineage_id)
);
CREATE INDEX initiative_standards_lineage ON
    initiative_standards(lineage_id);

-- budget: type 1 original / 2 revised, status 1 indicative / 2 committed.
CREATE TABLE initiative_budgets (
	id		{{id}},
	initiative_id	BIGINT NOT NULL REFERENCES initiatives(id),
	type		INTEGER NOT NULL CHECK (type IN (1, 2)),
	status		INTEGER NOT NULL CHECK (status IN (1, 2)),
	period_start	TEXT NOT NULL CHECK (length(period_start) = 10),
	period_end	TEXT NOT NULL CHECK (length(period_end) = 10),
	amount		BIGINT NOT NULL CHECK (amount >= 0),	-- minor units
	currency	TEXT NOT NULL CHECK (length(currency) = 3),
	value_date	TEXT NOT NULL CHECK (length(value_date) = 10)
);
CREATE INDEX initiative_budgets_i ON initiative_budgets(initiative_id);

-- transaction: IATI TransactionType (1 incoming funds, 2 outgoing
-- commitment, 3 disbursement, 4 expenditure, 11 incoming commitment,
-- 12 outgoing pledge, 13 incoming pledge, and the others of the list);
-- need_ref and state_code say what it funds, when known.
CREATE TABLE initiative_transactions (
	id		{{id}},
	initiative_id	BIGINT NOT NULL REFERENCES initiatives(id),
	type		INTEGER NOT NULL CHECK (type BETWEEN 1 AND 13),
	tx_date		TEXT NOT NULL CHECK (length(tx_date) = 10),
	amount		BIGINT NOT NULL CHECK (amount >= 0),	-- minor units
	currency	TEXT NOT NULL CHECK (length(currency) = 3),
	value_date	TEXT NOT NULL CHECK (length(value_date) = 10),
	provider_org_id	BIGINT REFERENCES organisations(id),
	receiver_org_id	BIGINT REFERENCES organisations(id),
	need_ref	TEXT REFERENCES needs(ref),
	state_code	TEXT REFERENCES states(code),
	description	TEXT
);
CREATE INDEX initiative_transactions_i ON
    initiative_transactions(initiative_id);

-- result: type 1 output, 2 outcome, 3 impact, 9 other; measure 1 unit,
-- 2 percentage, 3 nominal, 4 ordinal, 5 qualitative. Values are text
-- because a qualitative indicator has no number.
CREATE TABLE initiative_results (
	id		{{id}},
	initiative_id	BIGINT NOT NULL REFERENCES initiatives(id),
	type		INTEGER NOT NULL CHECK (type IN (1, 2, 3, 9)),
	title		TEXT NOT NULL,
	measure		INTEGER NOT NULL CHECK (measure BETWEEN 1 AND 5),
	baseline	TEXT,
	target		TEXT,
	actual		TEXT,
	period_start	TEXT CHECK (length(period_start) = 10),
	period_end	TEXT CHECK (length(period_end) = 10)
);
CREATE INDEX initiative_results_i ON initiative_results(initiative_id);

-- related-activity: type 1 parent, 2 child, 3 sibling, 4 co-funded,
-- 5 third party; to an initiative here or to an IATI identifier
-- published elsewhere.
CREATE TABLE initiative_related (
	id		{{id}},
	initiative_id	BIGINT NOT NULL REFERENCES initiatives(id),
	type		INTEGER NOT NULL CHECK (type BETWEEN 1 AND 5),
	related_id	BIGINT REFERENCES initiatives(id),
	related_ref	TEXT,
	CHECK ((related_id IS NULL) <> (related_ref IS NULL))
);
CREATE INDEX initiative_related_i ON initiative_related(initiative_id);

-- document-link: category is the IATI DocumentCategory code (A01...).
CREATE TABLE initiative_documents (
	id		{{id}},
	initiative_id	BIGINT NOT NULL REFERENCES initiatives(id),
	url		TEXT NOT NULL,
	title		TEXT NOT NULL,
	category	TEXT
);
CREATE INDEX initiative_documents_i ON initiative_documents(initiative_id);

-- A coordinator's decision on a candidate duplicate pair (a < b); a pair
-- with a decision is never raised again.
CREATE TABLE duplicate_decisions (
	id		{{id}},
	a_id		BIGINT NOT NULL REFERENCES initiatives(id),
	b_id		BIGINT NOT NULL REFERENCES initiatives(id),
	decision	TEXT NOT NULL CHECK (decision IN ('co_funded', 'sibling',
			    'same_work', 'not_duplicate')),
	reason		TEXT NOT NULL,
	decided_by_id	BIGINT REFERENCES users(id),
	decided_by	TEXT NOT NULL,
	decided_at	BIGINT NOT NULL,
	CHECK (a_id < b_id),
	UNIQUE (a_id, b_id)
);

-- A funder's stated area of interest: a priority area, a need, a state,
-- or a combination (NULL: any).
CREATE TABLE funder_interests (
	id		{{id}},
	org_id		BIGINT NOT NULL REFERENCES organisations(id),
	area_code	TEXT,
	need_ref	TEXT REFERENCES needs(ref),
	state_code	TEXT REFERENCES states(code),
	note		TEXT,
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX funder_interests_org ON funder_interests(org_id);

-- 1 from_ccy = rate to_ccy on rate_date, as an exact decimal string.
CREATE TABLE exchange_rates (
	id		{{id}},
	from_ccy	TEXT NOT NULL CHECK (length(from_ccy) = 3),
	to_ccy		TEXT NOT NULL CHECK (length(to_ccy) = 3),
	rate		TEXT NOT NULL,
	rate_date	TEXT NOT NULL CHECK (length(rate_date) = 10),
	source		TEXT NOT NULL,
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	UNIQUE (from_ccy, to_ccy, rate_date)
);
