-- 0013: reports to the plan's audiences (CONSLE, Steering Committee, Heads
-- of Intelligence and FIUs, donors, the RCC per state) and the switch of
-- the public progress page. A report is made once and never regenerated:
-- the frozen snapshot of its data and the bytes of every rendition are
-- stored when it is made, each with its SHA-256, and served as stored.
-- docs/internals/REPORTS.md describes the model.

-- One report. period_from/period_to are YYYY-MM-DD; state_code is set for
-- a per-state report (rcc) and NULL for a regional one; cutoff_at is the
-- moment the data was read (records written after it are not in it);
-- sha256 is the digest of the snapshot (compact JSON, keys sorted).
CREATE TABLE reports (
	id		{{id}},
	audience	TEXT NOT NULL CHECK (audience IN ('consle', 'steering',
			    'heads_intel', 'donors', 'rcc')),
	title		TEXT NOT NULL,
	period_from	TEXT NOT NULL CHECK (length(period_from) = 10),
	period_to	TEXT NOT NULL CHECK (length(period_to) = 10),
	state_code	TEXT REFERENCES states(code),
	tlp		TEXT NOT NULL CHECK (tlp IN ('clear', 'green', 'amber')),
	created_by	TEXT NOT NULL,
	created_by_id	BIGINT REFERENCES users(id),
	created_at	BIGINT NOT NULL,
	cutoff_at	BIGINT NOT NULL,
	sha256		TEXT NOT NULL CHECK (length(sha256) = 64),
	snapshot	TEXT NOT NULL,
	CHECK (period_to >= period_from)
);
CREATE INDEX reports_created ON reports(created_at, id);

-- The renditions of a report (pdf, xlsx, html) as made when it was
-- created: body is the bytes in base64 (both backends store it as text),
-- size and sha256 are of the decoded bytes.
CREATE TABLE report_files (
	report_id	BIGINT NOT NULL REFERENCES reports(id),
	format		TEXT NOT NULL CHECK (format IN ('pdf', 'xlsx', 'html')),
	media_type	TEXT NOT NULL,
	size		BIGINT NOT NULL,
	sha256		TEXT NOT NULL CHECK (length(sha256) = 64),
	body		TEXT NOT NULL,
	PRIMARY KEY (report_id, format)
);

-- Monitoring settings, one row per key: 'progress_public' ('1' or '0')
-- turns the public progress page on. Written by the service only, each
-- change audited.
CREATE TABLE monitoring_settings (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL,
	updated_by	TEXT NOT NULL,
	updated_at	BIGINT NOT NULL
);
