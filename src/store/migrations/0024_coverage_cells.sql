-- 0024: the coverage matrix read from kept cells (issue 9, item 5;
-- docs/internals/CAPACITY.md, "Kept cells").
--
-- coverage_cells counts, per need x state cell and stage, the rows of
-- initiative_coverage: the matrix's stages and counts are one read of at
-- most needs x states x 6 rows. Every initiative refresh takes its old
-- rows off the counts and adds its new ones in the same transaction;
-- a count that reaches 0 stays, and readers skip it.
--
-- coverage_states lists the states the kept coverage was expanded over
-- (a regional share covers every state). A state in states and not here
-- was added after: readers then compute the matrix from the initiatives,
-- and the next initiative write, rebuild or open expands the kept rows
-- over it (svc/capacity/kept.c).
--
-- The cell index now ends with the initiative, so that a cell's
-- initiatives are read in id order from the index alone (the first few
-- of each cell in the matrix, the rest paged).
CREATE TABLE coverage_cells (
	need_ref	TEXT NOT NULL,
	state_code	TEXT NOT NULL,
	stage		INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 5),
	n		BIGINT NOT NULL CHECK (n >= 0),
	PRIMARY KEY (need_ref, state_code, stage)
);

CREATE TABLE coverage_states (
	code		TEXT PRIMARY KEY
);

DROP INDEX initiative_coverage_cell;
CREATE INDEX initiative_coverage_cell ON
    initiative_coverage(need_ref, state_code, initiative_id, stage);

-- Both are filled by the rebuild the first open runs.
INSERT INTO meta (k, v) SELECT 'capacity.rebuild', 'pending'
    WHERE NOT EXISTS (SELECT 1 FROM meta WHERE k = 'capacity.rebuild');
