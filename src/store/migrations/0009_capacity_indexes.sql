-- 0009: duplicate detection and coverage at scale (issue 9), and the
-- merge of a pair decided "same work": the merged initiative stays
-- readable and points at the one that survives; it leaves coverage,
-- funding totals and duplicate candidates (docs/internals/CAPACITY.md).
ALTER TABLE initiatives ADD COLUMN merged_into BIGINT
    REFERENCES initiatives(id);
ALTER TABLE initiatives ADD COLUMN merged_at BIGINT;
CREATE INDEX initiatives_merged_into ON initiatives(merged_into);

-- Covering indexes for the scans of the candidate sweep and coverage,
-- and for the plain SQL of overlapping pairs (bench/capacity_dup.sh):
-- place or need first, then the initiative, so a self-join reads the
-- index only.
CREATE INDEX initiative_states_place ON
    initiative_states(state_code, initiative_id);
CREATE INDEX initiative_needs_pair ON
    initiative_needs(need_ref, initiative_id);
CREATE INDEX initiative_transactions_cell ON
    initiative_transactions(initiative_id, type, need_ref, state_code);
CREATE INDEX initiative_budgets_status ON
    initiative_budgets(initiative_id, status);
