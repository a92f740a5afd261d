-- 0016: duplicate candidates and coverage kept, not computed per read
-- (issue 9, items 4 and 5; docs/internals/CAPACITY.md).
--
-- initiative_dup_candidates holds every undecided candidate pair (a < b)
-- of live initiatives with its score, reason bits (core/capacity/
-- rules.h CCS_DUP_*) and word similarity (per mille). Every initiative
-- write re-scores the changed initiative's pairs in the same transaction
-- (svc/capacity/dup_cands.c); a decision deletes its pair. The list
-- reads it by the order index, highest score first.
--
-- It is derived data: backups leave it out and restore rebuilds it
-- (`ccscap capacity --rebuild` does the same by hand). The meta row
-- below asks the first open after this migration to fill it from the
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

INSERT INTO meta (k, v) VALUES ('capacity.rebuild', 'pending');
