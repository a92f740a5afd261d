-- 0019: 24/7 preservation requests (issue 13, item 1): a request to
-- preserve stored computer data made through the 24/7 network in the
-- Budapest Convention form (Art. 29; Art. 30 expedited disclosure of
-- traffic data; Second Additional Protocol Art. 9 emergency disclosure),
-- its clocks and its history. The moves are core/evidence24's.
-- docs/internals/EVIDENCE24.md describes the model.

-- status: draft, sent, acknowledged, preserved, partly_disclosed,
-- fulfilled, refused, expired, withdrawn (no CHECK, as public_reports:
-- the machine can grow without a table rebuild on SQLite).
-- parent_id: the request whose Art. 30 partial disclosure named a
-- provider in this request's requested state (the follow-on).
-- requested_contact: the requested state's 24/7 contact as the directory
-- gave it when the request was made or sent (kept, fit for court).
-- clock_at: the next deadline (acknowledgement due while sent, the
-- expiry reminder while preserved); NULL when no clock runs.
CREATE TABLE preservation_requests (
	id		{{id}},
	parent_id	BIGINT REFERENCES preservation_requests(id),
	requesting_state TEXT NOT NULL REFERENCES states(code),
	requested_state	TEXT NOT NULL REFERENCES states(code),
	status		TEXT NOT NULL DEFAULT 'draft',
	legal_basis	TEXT NOT NULL CHECK (legal_basis IN ('art29', 'art30',
			    'sap9')),
	domestic_basis	TEXT NOT NULL,
	requesting_authority TEXT NOT NULL,
	requesting_contact TEXT NOT NULL,
	requested_contact TEXT,
	offence		TEXT NOT NULL,
	facts		TEXT NOT NULL,
	data_subscriber	INTEGER NOT NULL CHECK (data_subscriber IN (0, 1)),
	data_traffic	INTEGER NOT NULL CHECK (data_traffic IN (0, 1)),
	data_content	INTEGER NOT NULL CHECK (data_content IN (0, 1)),
	identifiers	TEXT NOT NULL,		-- JSON array, checked by svc
	date_from	TEXT NOT NULL,		-- YYYY-MM-DD
	date_to		TEXT NOT NULL,
	link_to_offence	TEXT NOT NULL,
	custodian	TEXT NOT NULL,		-- provider or custodian
	custodian_location TEXT NOT NULL,
	preservation_reason TEXT NOT NULL,
	mla_to_follow	INTEGER NOT NULL CHECK (mla_to_follow IN (0, 1)),
	non_disclosure	INTEGER NOT NULL CHECK (non_disclosure IN (0, 1)),
	urgency		TEXT NOT NULL CHECK (urgency IN ('normal',
			    'emergency')),
	emergency_reason TEXT,			-- the risk to life
	period_days	INTEGER NOT NULL CHECK (period_days >= 60),
	sent_at		BIGINT,
	ack_due_at	BIGINT,
	acknowledged_at	BIGINT,
	preserved_at	BIGINT,
	expires_at	BIGINT,
	renewals	INTEGER NOT NULL DEFAULT 0,
	disclosed_at	BIGINT,
	third_state	TEXT REFERENCES states(code),
	disclosure_note	TEXT,
	closed_at	BIGINT,
	outcome_reason	TEXT,			-- refusal or withdrawal
	mla_reference	TEXT,
	mla_filed_at	BIGINT,
	clock_at	BIGINT,
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	version		INTEGER NOT NULL DEFAULT 0,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX preservation_requests_clock ON preservation_requests(
    clock_at, id);
CREATE INDEX preservation_requests_requested ON preservation_requests(
    requested_state, clock_at);
CREATE INDEX preservation_requests_requesting ON preservation_requests(
    requesting_state, clock_at);
CREATE INDEX preservation_requests_parent ON preservation_requests(
    parent_id);

-- The history of a request: one row per move, who made it for which
-- side, and its note (the audit trail holds the same, chained).
CREATE TABLE preservation_events (
	id		{{id}},
	request_id	BIGINT NOT NULL REFERENCES preservation_requests(id),
	action		TEXT NOT NULL,
	from_status	TEXT NOT NULL,
	to_status	TEXT NOT NULL,
	note		TEXT NOT NULL DEFAULT '',
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX preservation_events_request ON preservation_events(
    request_id, id);
