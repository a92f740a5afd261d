-- 0016: duplicate candidates and coverage kept, not computed per read
-- (issue 9, items 4 and 5; docs/internals/CAPACITY.md).
--
-- initiative_dup_candidates holds every undecided candidate pair (a < b)
-- of live initiatives with its score, reason bits (core/capacity/
-- rules.h CCS_DUP_*) and word similarity (per mille). Every initiative
-- write re-scores the changed initiative's pairs in the same transaction
-- (svc/capacity/kept.c); a decision deletes its pair. The list
-- reads it by the order index, highest score first.
--
-- initiative_coverage holds, per live initiative, the furthest funding
-- stage (core/capacity/rules.h enum ccs_stage) it reaches in each need x
-- state cell it covers (a regional share covers every state); the
-- summary of the coverage matrix is one aggregate of its cell index.
--
-- Both are derived data: backups leave them out and restore rebuilds
-- them (`ccscap capacity --rebuild` does the same by hand). The meta row
-- below asks the first open after this migration to fill them from the
-- initiatives already stored.
CREATE TABLE initiative_dup_candidates (
	a_id		BIGINT NOT NULL REFERENCES initiatives(id),
	b_id		BIGINT NOT NULL REFERENCES initiatives(id),
	score		INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
	reasons		INTEGER NOT NULL,
	jaccard		INTEGER NOT NULL CHECK (jaccard BETWEEN 0 AND 1000),
	CHECK (a_id < b_id),
	PRIMARY KEY (a_id, b_id)
);
CREATE INDEX initiative_dup_candidates_order ON
    initiative_dup_candidates(score DESC, a_id, b_id);
CREATE INDEX initiative_dup_candidates_b ON initiative_dup_candidates(b_id);

CREATE TABLE initiative_coverage (
	initiative_id	BIGINT NOT NULL REFERENCES initiatives(id),
	need_ref	TEXT NOT NULL,
	state_code	TEXT NOT NULL,
	stage		INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 5),
	PRIMARY KEY (initiative_id, need_ref, state_code)
);
CREATE INDEX initiative_coverage_cell ON
    initiative_coverage(need_ref, state_code, stage);

-- The number of rows of initiative_dup_candidates, kept with them (the
-- list's total without counting 400,000 rows on each read).
CREATE TABLE capacity_kept_totals (
	name		TEXT PRIMARY KEY,
	n		BIGINT NOT NULL CHECK (n >= 0)
);
INSERT INTO capacity_kept_totals (name, n) VALUES ('dup_candidates', 0);

INSERT INTO meta (k, v) VALUES ('capacity.rebuild', 'pending');
