-- 0015: the triage side of public reports (issue 12, items 5 and 7): a
-- team's classification and priority of a report, the suspect identifiers
-- that bundle reports into clusters, referrals, the updates written for
-- the reporter and for the team, and the incident a report became. The
-- report itself, its routes and its status are 0014's public_reports;
-- the status moves are core/reporting/triage_rules.c's.
-- docs/internals/REPORTING.md ("Triage") describes the model.

-- One row per report a team has looked at or that was indexed for
-- bundling. priority_rank orders the queue (0 urgent .. 3 low);
-- incident_id is the incident the report was converted into (one).
CREATE TABLE public_report_triage (
	report_id	BIGINT PRIMARY KEY REFERENCES public_reports(id),
	rsit_class	TEXT,			-- NULL until classified
	rsit_type	TEXT,
	priority	TEXT NOT NULL CHECK (priority IN ('urgent', 'high',
			    'normal', 'low')),
	priority_rank	INTEGER NOT NULL CHECK (priority_rank BETWEEN 0
			    AND 3),
	imminent_harm	INTEGER NOT NULL DEFAULT 0 CHECK (imminent_harm IN
			    (0, 1)),
	triaged_by	TEXT,			-- login of the last classifier
	triaged_at	BIGINT,
	incident_id	BIGINT UNIQUE REFERENCES incidents(id),
	converted_by	TEXT,
	converted_at	BIGINT,
	indexed_at	BIGINT NOT NULL,	-- identifiers extracted
	version		INTEGER NOT NULL DEFAULT 0,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX public_report_triage_rank ON public_report_triage(
    priority_rank, report_id);

-- The bundling keys of a report's suspect identifiers
-- (core/reporting/clusters_key.c: "phone:+18765550123"); value is the
-- canonical identifier, the indicator a conversion reports.
CREATE TABLE public_report_identifiers (
	report_id	BIGINT NOT NULL REFERENCES public_reports(id),
	bundle_key	TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('url', 'email', 'phone',
			    'wallet')),
	value		TEXT NOT NULL,
	PRIMARY KEY (report_id, bundle_key)
);
CREATE INDEX public_report_identifiers_key ON public_report_identifiers(
    bundle_key, report_id);

-- Where a team passed a report; to_state only for "another_state" (that
-- state also gets a route, reason "referral").
CREATE TABLE public_report_referrals (
	id		{{id}},
	report_id	BIGINT NOT NULL REFERENCES public_reports(id),
	target		TEXT NOT NULL CHECK (target IN ('police_cyber_unit',
			    'cert', 'fiu', 'consumer_agency', 'another_state',
			    'international_hotline')),
	to_state	TEXT REFERENCES states(code),
	note		TEXT NOT NULL DEFAULT '',
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX public_report_referrals_report ON public_report_referrals(
    report_id, id);

-- Notes on a report: for_reporter = 1 is the text the follow-up page
-- shows (the newest is also copied to public_reports.reporter_update,
-- which the portal reads), 0 a note for the teams only.
CREATE TABLE public_report_updates (
	id		{{id}},
	report_id	BIGINT NOT NULL REFERENCES public_reports(id),
	body		TEXT NOT NULL,
	for_reporter	INTEGER NOT NULL CHECK (for_reporter IN (0, 1)),
	created_by	TEXT NOT NULL,
	created_at	BIGINT NOT NULL
);
CREATE INDEX public_report_updates_report ON public_report_updates(
    report_id, id);
