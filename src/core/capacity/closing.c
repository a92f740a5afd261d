/*
 * closing.c: which status updates a completed record implies (see
 * closing.h). Met means what the gap analysis says (core/gap.c): a
 * validated level at or above the standard's met level; a pending record
 * does not count, the RIFC has not seen it yet. A proposal never lowers a
 * level the state holds: where the current level is at or above the
 * proposed one, nothing is proposed.
 */
#include <string.h>

#include "core/capacity/closing.h"

bool
ccs_cap_initiative_completes(int before, int after)
{
	bool was = before == CCS_IATI_FINALISATION || before == CCS_IATI_CLOSED;
	bool is = after == CCS_IATI_FINALISATION || after == CCS_IATI_CLOSED;

	return is && !was;
}

bool
ccs_cap_event_completes(const char *before, const char *after)
{
	if (after == NULL || strcmp(after, "completed") != 0)
		return false;
	return before == NULL || strcmp(before, "completed") != 0;
}

int
ccs_cap_target_level(const struct ccs_cap_target *t)
{
	if (t->level > 0 && t->level < t->nlevels)
		return t->level;
	return t->met_level;
}

/* Whether @p known rules out proposing @p level for @p t in @p state. */
static bool
ruled_out(const struct ccs_cap_known *known, size_t n, const char *state,
    const struct ccs_cap_target *t, int level)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (known[i].lineage_id != t->lineage_id ||
		    strcmp(known[i].state, state) != 0)
			continue;
		if (known[i].proposed)
			return true;
		if (known[i].level >= 0 && (known[i].level >= t->met_level ||
		    known[i].level >= level))
			return true;
	}
	return false;
}

size_t
ccs_cap_plan(const struct ccs_cap_target *targets, size_t ntargets,
    const char *const *states, size_t nstates,
    const struct ccs_cap_known *known, size_t nknown,
    struct ccs_cap_proposal *out, size_t cap)
{
	size_t i, j, n = 0;
	int level;

	for (i = 0; i < ntargets; i++) {
		level = ccs_cap_target_level(&targets[i]);
		for (j = 0; j < nstates; j++) {
			if (states[j] == NULL || strlen(states[j]) != 2)
				continue;
			if (ruled_out(known, nknown, states[j], &targets[i],
			    level))
				continue;
			if (n == cap)
				return (size_t)-1;
			memcpy(out[n].state, states[j], 3);
			out[n].lineage_id = targets[i].lineage_id;
			out[n].level = level;
			n++;
		}
	}
	return n;
}

const char *
ccs_cap_kind_name(enum ccs_cap_kind k)
{
	switch (k) {
	case CCS_CAP_INITIATIVE:
		return "initiative";
	case CCS_CAP_TRAINING:
		return "training";
	case CCS_CAP_CAMPAIGN:
		return "campaign";
	case CCS_CAP_LEGAL:
		return "legal_instrument";
	default:
		return NULL;
	}
}
