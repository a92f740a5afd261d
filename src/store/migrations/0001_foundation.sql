-- 0001: the regional directory, accounts, sessions, tokens and the audit chain.
-- Tokens: {{id}} is the dialect's auto-increment primary key.

CREATE TABLE states (
	code		TEXT PRIMARY KEY CHECK (length(code) = 2),
	name		TEXT NOT NULL UNIQUE,
	status		TEXT NOT NULL CHECK (status IN ('member', 'associate', 'participant')),
	cctld		TEXT NOT NULL,
	sort_name	TEXT NOT NULL
);

CREATE TABLE organisations (
	id		{{id}},
	name		TEXT NOT NULL UNIQUE,
	acronym		TEXT,
	kind		TEXT NOT NULL CHECK (kind IN ('governance_body', 'regional_agency',
			    'international_partner', 'national_body', 'private_sector',
			    'academic', 'other')),
	state_code	TEXT REFERENCES states(code),
	parent_id	BIGINT REFERENCES organisations(id),
	description	TEXT,
	website		TEXT,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX organisations_state ON organisations(state_code);

-- Seats of a governance body (the Steering Committee's five, for example);
-- member_id is the organisation holding the seat, NULL while vacant.
CREATE TABLE body_seats (
	body_id		BIGINT NOT NULL REFERENCES organisations(id),
	seat		TEXT NOT NULL,
	member_id	BIGINT REFERENCES organisations(id),
	note		TEXT,
	PRIMARY KEY (body_id, seat)
);

CREATE TABLE contacts (
	id		{{id}},
	name		TEXT NOT NULL,
	title		TEXT,
	role		TEXT NOT NULL CHECK (role IN ('ncpoc', 'e_evidence_24x7',
			    'cert_duty', 'steering_member')),
	ncpoc_category	TEXT CHECK (ncpoc_category IN ('law_enforcement', 'ict_ministry',
			    'parliamentary', 'judiciary', 'other')),
	state_code	TEXT REFERENCES states(code),
	organisation_id	BIGINT REFERENCES organisations(id),
	email		TEXT,
	phone		TEXT,
	availability	TEXT,
	key_fingerprint	TEXT,
	version		BIGINT NOT NULL DEFAULT 1,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL,
	CHECK ((role = 'ncpoc') = (ncpoc_category IS NOT NULL)),
	CHECK (role = 'steering_member' OR state_code IS NOT NULL)
);
CREATE INDEX contacts_state_role ON contacts(state_code, role);

CREATE TABLE users (
	id		{{id}},
	login		TEXT NOT NULL UNIQUE,
	display_name	TEXT NOT NULL,
	pw_hash		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'rifc_analyst',
			    'ncpoc', 'cert', 'steering', 'partner')),
	state_code	TEXT REFERENCES states(code),
	organisation_id	BIGINT REFERENCES organisations(id),
	totp_secret	TEXT,
	totp_enabled	INTEGER NOT NULL DEFAULT 0,
	totp_last_step	BIGINT NOT NULL DEFAULT 0,
	disabled	INTEGER NOT NULL DEFAULT 0,
	failed_logins	INTEGER NOT NULL DEFAULT 0,
	locked_until	BIGINT NOT NULL DEFAULT 0,
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);

CREATE TABLE sessions (
	token_hash	TEXT PRIMARY KEY,
	user_id		BIGINT NOT NULL REFERENCES users(id),
	csrf_token	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	expires_at	BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
	id		{{id}},
	user_id		BIGINT NOT NULL REFERENCES users(id),
	name		TEXT NOT NULL,
	token_hash	TEXT NOT NULL UNIQUE,
	created_at	BIGINT NOT NULL,
	expires_at	BIGINT NOT NULL DEFAULT 0,
	revoked		INTEGER NOT NULL DEFAULT 0
);

-- Failed sign-ins per client address, in fixed windows.
CREATE TABLE login_throttle (
	ip		TEXT PRIMARY KEY,
	window_start	BIGINT NOT NULL,
	failures	INTEGER NOT NULL
);

-- The audit chain: one head row, locked by every writer, so events are
-- numbered and chained in commit order on both backends.
CREATE TABLE audit_head (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	seq		BIGINT NOT NULL,
	hash		TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0,
    '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_events (
	seq		BIGINT PRIMARY KEY,
	at		BIGINT NOT NULL,
	actor		TEXT NOT NULL,
	action		TEXT NOT NULL,
	entity		TEXT NOT NULL,
	entity_id	TEXT NOT NULL,
	digest		TEXT NOT NULL,
	prev_hash	TEXT NOT NULL,
	hash		TEXT NOT NULL
);

-- Small key/value facts about this installation (e.g. demo data loaded).
CREATE TABLE meta (
	k		TEXT PRIMARY KEY,
	v		TEXT NOT NULL
);
