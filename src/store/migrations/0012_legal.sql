-- 0012: the legal harmonisation tracker. The provisions a state's law is
-- measured against (Budapest Convention, its Second Additional Protocol,
-- the HIPCAR model text), each state's national instruments with their
-- status history and their section-by-section mapping to those
-- provisions, and each state's treaty track. An instrument in force
-- proposes status updates of the legal-environment standards through the
-- capacity domain's proposals (a new source kind, below).
-- Lines starting with "--sqlite: " or "--postgres: " are for that backend
-- only (see 0003_sharing.sql).

-- One row of the matrix: an article or a model section. verified = 0
-- marks a row whose wording was recalled, not checked against the text.
CREATE TABLE legal_rows (
	id		{{id}},
	ref		TEXT NOT NULL UNIQUE,
	treaty		TEXT NOT NULL CHECK (treaty IN ('budapest', 'sap',
			    'hipcar')),
	family		TEXT NOT NULL,
	number		TEXT NOT NULL,
	title		TEXT NOT NULL,
	ord		INTEGER NOT NULL,
	verified	INTEGER NOT NULL DEFAULT 1 CHECK (verified IN (0, 1)),
	source_url	TEXT NOT NULL
);

-- The legal-environment standards (lineages) a row shows met.
CREATE TABLE legal_row_standards (
	row_id		BIGINT NOT NULL REFERENCES legal_rows(id),
	lineage_id	BIGINT NOT NULL,
	PRIMARY KEY (row_id, lineage_id)
);

-- A national act, bill or regulation. status is the latest step reached;
-- legal_instrument_dates holds the date of each step known.
CREATE TABLE legal_instruments (
	id		{{id}},
	state_code	TEXT NOT NULL REFERENCES states(code),
	kind		TEXT NOT NULL CHECK (kind IN ('act', 'bill',
			    'regulation')),
	number		TEXT,
	name		TEXT NOT NULL,
	year		INTEGER CHECK (year BETWEEN 1900 AND 2999),
	status		TEXT NOT NULL CHECK (status IN ('drafting', 'tabled',
			    'committee', 'lapsed', 'passed', 'assented',
			    'in_force', 'amended', 'repealed')),
	verified	INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
	source_url	TEXT,
	notes		TEXT,
	seeded		INTEGER NOT NULL DEFAULT 0 CHECK (seeded IN (0, 1)),
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX legal_instruments_state ON legal_instruments(state_code, id);

-- When each step happened: YYYY, YYYY-MM or YYYY-MM-DD (sources often
-- give only the year).
CREATE TABLE legal_instrument_dates (
	instrument_id	BIGINT NOT NULL REFERENCES legal_instruments(id),
	status		TEXT NOT NULL,
	on_date		TEXT NOT NULL CHECK (length(on_date) BETWEEN 4 AND 10),
	PRIMARY KEY (instrument_id, status)
);

-- Section by section: section "s.19" of an instrument gives effect to
-- provision row_id, fully or partly, with the evidence for it.
CREATE TABLE legal_mappings (
	id		{{id}},
	instrument_id	BIGINT NOT NULL REFERENCES legal_instruments(id),
	section		TEXT NOT NULL,
	heading		TEXT,
	row_id		BIGINT NOT NULL REFERENCES legal_rows(id),
	partial		INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
	evidence_url	TEXT,
	ord		INTEGER NOT NULL,
	UNIQUE (instrument_id, section, row_id)
);
CREATE INDEX legal_mappings_row ON legal_mappings(row_id);

-- A state's track towards a treaty (Budapest, CETS 185; the Second
-- Additional Protocol, CETS 224). No row: not engaged.
CREATE TABLE legal_treaties (
	state_code	TEXT NOT NULL REFERENCES states(code),
	treaty		TEXT NOT NULL CHECK (treaty IN ('budapest', 'sap')),
	status		TEXT NOT NULL CHECK (status IN ('not_engaged',
			    'invitation_requested', 'invited', 'signed',
			    'ratified', 'acceded')),
	requested_on	TEXT,
	invited_on	TEXT,
	invitation_expires TEXT,
	signed_on	TEXT,
	party_on	TEXT,
	poc_designated	INTEGER NOT NULL DEFAULT 0 CHECK (poc_designated IN
			    (0, 1)),
	poc_on		TEXT,
	verified	INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
	source_url	TEXT,
	notes		TEXT,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL,
	PRIMARY KEY (state_code, treaty)
);

-- Proposals gain a source kind: a legal instrument in force. SQLite
-- cannot change a CHECK, so the table is rebuilt there (nothing refers
-- to it); PostgreSQL swaps the constraint.
--postgres: ALTER TABLE proposals DROP CONSTRAINT proposals_source_kind_check;
--postgres: ALTER TABLE proposals ADD CONSTRAINT proposals_source_kind_check
--postgres:     CHECK (source_kind IN ('initiative', 'training', 'campaign',
--postgres:     'legal_instrument'));
--sqlite: CREATE TABLE proposals_0012 (
--sqlite: 	id		{{id}},
--sqlite: 	source_kind	TEXT NOT NULL CHECK (source_kind IN ('initiative',
--sqlite: 			    'training', 'campaign', 'legal_instrument')),
--sqlite: 	source_id	BIGINT NOT NULL,
--sqlite: 	state_code	TEXT NOT NULL REFERENCES states(code),
--sqlite: 	lineage_id	BIGINT NOT NULL,
--sqlite: 	level		INTEGER NOT NULL CHECK (level >= 0),
--sqlite: 	status		TEXT NOT NULL CHECK (status IN ('pending', 'accepted',
--sqlite: 			    'dismissed')),
--sqlite: 	reason		TEXT,
--sqlite: 	assessment_id	BIGINT REFERENCES assessments(id),
--sqlite: 	created_at	BIGINT NOT NULL,
--sqlite: 	decided_by_id	BIGINT REFERENCES users(id),
--sqlite: 	decided_by	TEXT,
--sqlite: 	decided_at	BIGINT,
--sqlite: 	UNIQUE (source_kind, source_id, state_code, lineage_id)
--sqlite: );
--sqlite: INSERT INTO proposals_0012 SELECT id, source_kind, source_id,
--sqlite:     state_code, lineage_id, level, status, reason, assessment_id,
--sqlite:     created_at, decided_by_id, decided_by, decided_at FROM proposals;
--sqlite: DROP TABLE proposals;
--sqlite: ALTER TABLE proposals_0012 RENAME TO proposals;
--sqlite: CREATE INDEX proposals_status ON proposals(status, id);

INSERT INTO sources (key, title, kind) VALUES
    ('legal_in_force', 'A national instrument in force, mapped to the provisions a standard depends on (proposal accepted by the RIFC)', 'other');
