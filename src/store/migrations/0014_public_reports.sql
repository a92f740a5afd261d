-- 0014: public cybercrime reports (issue 12). Anyone may report without an
-- account; the report's words and the reporter's contact details are
-- sealed with libsodium under a key held outside the database (key_id
-- names which key of the keyring, so keys can be rotated), and only the
-- columns needed to route, count and follow a report are in clear.
-- docs/internals/REPORTING.md describes the model.

-- status is the reporting state machine of core/reporting (submitted,
-- triaged, referred, investigating, closed...): no CHECK here, so the
-- triage side can grow it without a table rebuild on SQLite.
CREATE TABLE public_reports (
	id		{{id}},
	reference	TEXT NOT NULL UNIQUE,	-- shown to the reporter
	state		TEXT NOT NULL REFERENCES states(code),	-- reporter's
	category	TEXT NOT NULL CHECK (category IN ('child_exploitation',
			    'fraud', 'ransomware', 'account_takeover',
			    'harassment', 'identity_theft', 'other')),
	victim_type	TEXT NOT NULL CHECK (victim_type IN ('individual',
			    'business', 'government')),
	status		TEXT NOT NULL DEFAULT 'submitted',
	language	TEXT NOT NULL CHECK (language IN ('en', 'fr', 'nl',
			    'es')),
	anonymous	INTEGER NOT NULL DEFAULT 1,	-- no contact given
	key_id		BIGINT NOT NULL,	-- keyring entry that sealed
	body_enc	TEXT NOT NULL,		-- sealed JSON of the report
	contact_enc	TEXT,			-- sealed JSON, NULL if none
	secret_hash	TEXT NOT NULL,		-- keyed hash of the secret
	dedupe_hash	TEXT NOT NULL,		-- keyed hash, content+address
	reporter_update	TEXT,			-- last update for the reporter
	reporter_update_at BIGINT,
	processed_at	BIGINT,			-- first triaged (figures)
	created_at	BIGINT NOT NULL,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX public_reports_state ON public_reports(state, created_at);
CREATE INDEX public_reports_dedupe ON public_reports(dedupe_hash,
    created_at);

-- The states a report is routed to and why: "reporter_state", or the
-- constituency a reported URL, address or domain falls in
-- ("cctld:.jm", "domain:example.gov.tt", "cidr:192.0.2.0/24").
CREATE TABLE public_report_routes (
	report_id	BIGINT NOT NULL REFERENCES public_reports(id),
	state		TEXT NOT NULL REFERENCES states(code),
	reason		TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	PRIMARY KEY (report_id, state)
);
CREATE INDEX public_report_routes_state ON public_report_routes(state,
    report_id);

-- What the reporter adds later through the follow-up page, sealed.
CREATE TABLE public_report_additions (
	id		{{id}},
	report_id	BIGINT NOT NULL REFERENCES public_reports(id),
	key_id		BIGINT NOT NULL,
	body_enc	TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX public_report_additions_report ON
    public_report_additions(report_id, id);

-- Evidence files of a report (never for child exploitation): the bytes
-- sealed on disk under the evidence directory, their hash of arrival.
CREATE TABLE public_report_files (
	report_id	BIGINT NOT NULL REFERENCES public_reports(id),
	sha256		TEXT NOT NULL CHECK (length(sha256) = 64),
	size		BIGINT NOT NULL,
	content_type	TEXT NOT NULL,
	key_id		BIGINT NOT NULL,
	name_enc	TEXT NOT NULL,		-- sealed original file name
	created_at	BIGINT NOT NULL,
	PRIMARY KEY (report_id, sha256)
);

-- Abuse controls of the public form: per-address counters by window
-- (the address is stored as a keyed hash, never in clear) and the
-- proof-of-work challenges already spent (single use).
CREATE TABLE public_report_throttle (
	addr_hash	TEXT NOT NULL,
	bucket		TEXT NOT NULL,		-- "post", "nojs", "follow"
	window_start	BIGINT NOT NULL,
	hits		INTEGER NOT NULL,
	PRIMARY KEY (addr_hash, bucket)
);
CREATE TABLE public_report_pow_spent (
	challenge	TEXT PRIMARY KEY,	-- hash of the challenge id
	expires_at	BIGINT NOT NULL
);
